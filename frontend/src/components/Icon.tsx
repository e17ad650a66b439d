import type { SVGProps } from 'react';

/** Small stroke icons (16px grid) drawn as React elements. */
const paths: Record<string, string[]> = {
  folder: ['M2 4.5A1.5 1.5 0 0 1 3.5 3h3l1.5 1.5h4.5A1.5 1.5 0 0 1 14 6v5.5a1.5 1.5 0 0 1-1.5 1.5h-9A1.5 1.5 0 0 1 2 11.5z'],
  database: ['M3 4c0-1.1 2.2-2 5-2s5 .9 5 2-2.2 2-5 2-5-.9-5-2z', 'M3 4v8c0 1.1 2.2 2 5 2s5-.9 5-2V4', 'M3 8c0 1.1 2.2 2 5 2s5-.9 5-2'],
  cloud: ['M4.5 12.5a3 3 0 0 1-.4-6A4 4 0 0 1 11.8 6a3.2 3.2 0 0 1 .2 6.5z'],
  flask: ['M6 2h4', 'M6.5 2v4L3 12.5A1 1 0 0 0 3.9 14h8.2a1 1 0 0 0 .9-1.5L9.5 6V2', 'M4.5 10h7'],
  list: ['M5.5 4h8', 'M5.5 8h8', 'M5.5 12h8', 'M2.5 4h.01', 'M2.5 8h.01', 'M2.5 12h.01'],
  compare: ['M6 2v12', 'M10 2v12', 'M2 5h4', 'M10 11h4', 'M2 3h12v10H2z'],
  box: ['M8 1.8 14 5v6L8 14.2 2 11V5z', 'M2 5l6 3.2L14 5', 'M8 8.2v6'],
  sources: ['M3 4c0-1.1 2.2-2 5-2s5 .9 5 2-2.2 2-5 2-5-.9-5-2z', 'M3 4v4c0 1.1 2.2 2 5 2s5-.9 5-2V4', 'M3 8v4c0 1.1 2.2 2 5 2', 'M12 11v4', 'M10 13h4'],
  sun: ['M8 5.2a2.8 2.8 0 1 0 0 5.6 2.8 2.8 0 0 0 0-5.6z', 'M8 1v1.5', 'M8 13.5V15', 'M1 8h1.5', 'M13.5 8H15', 'M3 3l1 1', 'M12 12l1 1', 'M3 13l1-1', 'M12 4l1-1'],
  moon: ['M13.5 9.5A5.5 5.5 0 0 1 6.5 2.5a5.5 5.5 0 1 0 7 7z'],
  monitor: ['M2 3h12v8H2z', 'M6 14h4', 'M8 11v3'],
  refresh: ['M13.5 8A5.5 5.5 0 1 1 11.9 4.1', 'M13.5 2v3h-3'],
  search: ['M7 2.5a4.5 4.5 0 1 0 0 9 4.5 4.5 0 0 0 0-9z', 'M10.3 10.3 14 14'],
  chevronDown: ['M4 6l4 4 4-4'],
  chevronRight: ['M6 4l4 4-4 4'],
  chevronUp: ['M4 10l4-4 4 4'],
  copy: ['M5.5 5.5h8v8h-8z', 'M10.5 5.5v-3h-8v8h3'],
  check: ['M3 8.5l3 3 7-7'],
  x: ['M4 4l8 8', 'M12 4l-8 8'],
  plus: ['M8 3v10', 'M3 8h10'],
  download: ['M8 2v8.5', 'M4.5 7 8 10.5 11.5 7', 'M2.5 13.5h11'],
  file: ['M4 1.8h5L12.5 5.3v8.9H4z', 'M9 1.8v3.5h3.5'],
  fileText: ['M4 1.8h5L12.5 5.3v8.9H4z', 'M9 1.8v3.5h3.5', 'M6 8.5h4.5', 'M6 11h4.5'],
  image: ['M2.5 3h11v10h-11z', 'M2.5 11l3.5-3.5 3 3 1.5-1.5 3 3', 'M10.5 6h.01'],
  external: ['M9 2.5h4.5V7', 'M13.5 2.5 7.5 8.5', 'M12 9.5v4H2.5V4h4'],
  git: ['M4.5 2.5v8', 'M4.5 4.5a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3z', 'M4.5 13.5a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3z', 'M11.5 6.5a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3z', 'M11.5 6.5c0 3-7 2-7 4'],
  alert: ['M8 1.8 14.5 13.5h-13z', 'M8 6v3.5', 'M8 11.6h.01'],
  columns: ['M2.5 2.5h11v11h-11z', 'M6.5 2.5v11', 'M10 2.5v11'],
  filter: ['M2 3h12L9.5 8.5V13l-3 1.5v-6z'],
  trash: ['M2.5 4h11', 'M6 4V2.5h4V4', 'M4 4l.7 9.5h6.6L12 4'],
  edit: ['M10.5 2.5l3 3-8 8h-3v-3z'],
  play: ['M4.5 3v10l8-5z'],
  stop: ['M4 4h8v8H4z'],
  link: ['M6.5 9.5l3-3', 'M7 4.5l1-1a2.8 2.8 0 0 1 4 4l-1 1', 'M9 11.5l-1 1a2.8 2.8 0 0 1-4-4l1-1'],
  dot: ['M8 7.5h.01'],
  keyboard: ['M1.5 4h13v8h-13z', 'M4 6.5h.01', 'M6.5 6.5h.01', 'M9 6.5h.01', 'M11.5 6.5h.01', 'M5 9.5h6'],
  logo: ['M2.5 11.5 6 7l2.5 2.5L13.5 4'],
  branch: ['M5 2.5v11', 'M11 2.5v3.5a3 3 0 0 1-3 3H5'],
  tag: ['M2 2h6l6 6-6 6-6-6z', 'M5.5 5.5h.01'],
};

export type IconName = keyof typeof paths;

export function Icon({ name, size = 14, ...rest }: { name: IconName; size?: number } & SVGProps<SVGSVGElement>) {
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" {...rest}>
      {paths[name].map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}
