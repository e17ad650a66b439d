// Package plots renders metric histories as charts (SVG, PNG or PDF) with
// gonum.org/v1/plot: several series with a legend, log scale, EMA
// smoothing, light and dark themes, and step, wall-clock or relative-time
// x axes. Non-finite values leave gaps instead of failing, and long
// histories are thinned per pixel column keeping each column's minimum and
// maximum, so spikes never disappear. Labels are user content: SVG output
// escapes them and references nothing outside itself.
package plots
