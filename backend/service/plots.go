package service

import (
	"fmt"
	"math"

	"flowdeck/backend/plots"
)

const maxPlotRuns = 100

// MetricPlot renders metric histories of up to 100 runs as one SVG chart
// (gonum/plot), from the cache. Series are labelled "run name · key".
func (s *Service) MetricPlot(req PlotRequest) (string, error) {
	s.wait()
	ctx := s.baseCtx
	_, cid, err := s.cacheSource(ctx, req.SourceID)
	if err != nil {
		return "", err
	}
	if len(req.RunIDs) == 0 || len(req.Keys) == 0 {
		return "", fmt.Errorf("%w", invalidf("pick at least one run and one metric to plot"))
	}
	if len(req.RunIDs) > maxPlotRuns {
		return "", invalidf("plot at most %d runs at once (got %d)", maxPlotRuns, len(req.RunIDs))
	}
	infos, err := s.deps.Cache.RunInfos(ctx, cid, req.RunIDs)
	if err != nil {
		return "", err
	}
	names := map[string]string{}
	starts := map[string]int64{}
	for _, i := range infos {
		names[i.RunID] = i.RunName
		if names[i.RunID] == "" {
			names[i.RunID] = i.RunID[:min(8, len(i.RunID))]
		}
		starts[i.RunID] = i.StartTime
	}
	var series []plots.Series
	for _, key := range req.Keys {
		hist, err := s.deps.Cache.MetricHistories(ctx, cid, req.RunIDs, key)
		if err != nil {
			return "", err
		}
		for _, id := range req.RunIDs {
			pts := hist[id]
			if len(pts) == 0 {
				continue
			}
			label := key
			if len(req.RunIDs) > 1 {
				label = names[id]
				if len(req.Keys) > 1 {
					label += " · " + key
				}
			}
			ser := plots.Series{Label: label, Points: make([]plots.Point, 0, len(pts))}
			t0 := pts[0].Timestamp
			for _, p := range pts {
				if p.Timestamp < t0 {
					t0 = p.Timestamp
				}
			}
			for _, p := range pts {
				x := float64(p.Step)
				switch req.XAxis {
				case "time":
					x = float64(p.Timestamp)
				case "relative":
					x = float64(p.Timestamp - t0)
				}
				ser.Points = append(ser.Points, plots.Point{X: x, Y: float64(p.Value)})
			}
			series = append(series, ser)
		}
	}
	if len(series) == 0 {
		return "", notFoundf("no history for %v in the selected runs", req.Keys)
	}
	ylabel := ""
	if len(req.Keys) == 1 {
		ylabel = req.Keys[0]
	}
	out, err := plots.MetricHistory(series, plots.Options{Format: "svg", Width: req.Width, Height: req.Height, XAxis: req.XAxis,
		LogY: req.LogY, Smooth: math.Max(0, req.Smooth), Dark: req.Dark, YLabel: ylabel})
	if err != nil {
		return "", invalidf("%v", err)
	}
	return string(out), nil
}
