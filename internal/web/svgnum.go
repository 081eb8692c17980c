package web

import (
	"math"
	"strconv"
)

// svgNum writes an SVG coordinate to a tenth, without a trailing ".0":
// most of the health page's bytes are its heatmaps' cells (568 on a
// community with departments), each with five numbers.
func svgNum(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }
