package plots

import "image/color"

// theme holds the colours of one look (light or dark).
type theme struct {
	background, foreground, grid, axis color.Color
	series                             []color.Color
}

func rgb(hex uint32) color.Color {
	return color.RGBA{uint8(hex >> 16), uint8(hex >> 8), uint8(hex), 0xff}
}

// Palettes adapted from Tableau 10: the light one is darkened where the
// original is pale (yellow, pink, grey) so lines stay visible on white; the
// dark one is lightened so lines stay visible on near-black.
var (
	lightTheme = theme{
		background: rgb(0xffffff), foreground: rgb(0x222222), grid: rgb(0xe6e6e6), axis: rgb(0x666666),
		series: []color.Color{
			rgb(0x1f77b4), rgb(0xe8710a), rgb(0x2ca02c), rgb(0xd62728), rgb(0x9467bd),
			rgb(0x8c564b), rgb(0xc2185b), rgb(0x5f6368), rgb(0xa08c00), rgb(0x0097a7),
		},
	}
	darkTheme = theme{
		background: rgb(0x1e1e1e), foreground: rgb(0xdddddd), grid: rgb(0x383838), axis: rgb(0x9a9a9a),
		series: []color.Color{
			rgb(0x6cb4ee), rgb(0xffa552), rgb(0x7bd67b), rgb(0xff7b7b), rgb(0xc3a6ec),
			rgb(0xd9a98f), rgb(0xf48fb1), rgb(0xbdbdbd), rgb(0xf2dc5d), rgb(0x4dd0e1),
		},
	}
)

// Color returns the line colour of the i-th series in the light or dark
// theme, so other views (legends in HTML, tables) can match the charts.
func Color(i int, dark bool) color.Color {
	t := lightTheme
	if dark {
		t = darkTheme
	}
	if i < 0 {
		i = -i
	}
	return t.series[i%len(t.series)]
}
