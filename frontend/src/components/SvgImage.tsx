/** Base64 of a UTF-8 string (btoa alone only takes Latin-1). */
export function utf8ToBase64(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** Shows an SVG document from the backend as an image: scripts inside never run. */
export function SvgImage({ svg, alt, className }: { svg: string; alt: string; className?: string }) {
  return <img className={className} alt={alt} src={`data:image/svg+xml;base64,${utf8ToBase64(svg)}`} />;
}
