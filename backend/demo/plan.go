package demo

import (
	"fmt"
	"math/rand/v2"
	"strconv"
)

// MLflow's run status numbers as the FileStore stores them.
const (
	statusRunning  = 1
	statusFinished = 3
	statusFailed   = 4
	statusKilled   = 5
)

var statusNames = map[int]string{statusRunning: "RUNNING", statusFinished: "FINISHED", statusFailed: "FAILED", statusKilled: "KILLED"}

// sweepSize is the number of runs in a sweep block: one parent, then
// children, then standalone runs.
const (
	sweepBlock    = 12
	sweepChildren = 5
)

type expPlan struct {
	index   int
	id      string
	spec    expSpec
	created int64
	runs    []*runPlan
	dataset datasetPlan
}

type datasetPlan struct {
	id, name, digest string
}

type runPlan struct {
	index       int
	id          string
	exp         *expPlan
	name        string
	status      int
	deleted     bool
	deletedTime int64
	parent      *runPlan
	isParent    bool
	start, end  int64
	stepMs      int64
	points      int // points per metric history actually logged
	user        string
	branch      string
	commit      string
	note        string
	hp          hyper
	params      []kv
	userTags    []kv
	hasModel    bool
	hasDataset  bool
	hostile     bool
}

type kv struct{ k, v string }

// plan is everything decided up front with the master random source, so
// that runs can then be written in any order with their own sources.
type plan struct {
	o       Options
	root    string // absolute final path
	base    int64
	exps    []*expPlan
	runs    []*runPlan
	hostile *runPlan
}

func newPlan(o Options, root string) *plan {
	r := rand.New(rand.NewPCG(uint64(o.Seed), 0x5eed_f10d_dec0))
	days := o.Seed % 365
	if days < 0 {
		days = -days
	}
	p := &plan{o: o, root: root, base: 1735689600000 + days*86_400_000} // 2025-01-01 UTC + seed days
	used := map[string]bool{"0": true}
	for e := 0; e < o.Experiments; e++ {
		var id string
		for id == "" || used[id] {
			id = strconv.FormatInt(100_000_000_000_000_000+r.Int64N(900_000_000_000_000_000), 10)
		}
		used[id] = true
		ep := &expPlan{index: e, id: id, spec: expSpecFor(e), created: p.base + int64(e)*3_600_000}
		ep.dataset = datasetPlan{name: ep.spec.dataset, digest: fmt.Sprintf("%08x", r.Uint32())}
		ep.dataset.id = md5hex(ep.dataset.name + ep.dataset.digest)
		p.exps = append(p.exps, ep)
	}
	for e, ep := range p.exps {
		n := o.Runs / o.Experiments
		if e < o.Runs%o.Experiments {
			n++
		}
		p.planRuns(r, ep, n)
	}
	if o.Hostile && len(p.exps) > 0 {
		p.addHostile(r, p.exps[0])
	}
	return p
}

func (p *plan) newRun(r *rand.Rand, ep *expPlan) *runPlan {
	rp := &runPlan{index: len(p.runs), id: uuidHex(r), exp: ep, status: statusFinished}
	rp.user = users[r.IntN(len(users))]
	rp.branch = branches[r.IntN(len(branches))]
	rp.commit = hexString(r, 20)
	p.runs = append(p.runs, rp)
	ep.runs = append(ep.runs, rp)
	return rp
}

func (p *plan) planRuns(r *rand.Rand, ep *expPlan, n int) {
	cursor := ep.created + 600_000
	var parent *runPlan
	for j := 0; j < n; j++ {
		rp := p.newRun(r, ep)
		rp.stepMs = 200 + r.Int64N(1800)
		switch pos := j % sweepBlock; {
		case pos == 0 && j+1 < n:
			rp.isParent = true
			parent = rp
			rp.name = fmt.Sprintf("sweep-%s-%d", ep.spec.short, j/sweepBlock+1)
			rp.hp = randomHyper(r, ep.spec)
			rp.start = cursor
		case pos >= 1 && pos <= sweepChildren && parent != nil:
			rp.parent = parent
			rp.hp = sweepHyper(r, parent.hp, pos-1)
			rp.commit, rp.branch, rp.user = parent.commit, parent.branch, parent.user
			rp.name = fmt.Sprintf("%s-lr%s-d%d", ep.spec.short, formatParam(rp.hp.lr), rp.hp.maxDepth)
			rp.start = parent.start + int64(pos)*250 + r.Int64N(200)
		default:
			parent = nil
			rp.hp = randomHyper(r, ep.spec)
			rp.name = fmt.Sprintf("%s-%s-%d", adjectives[r.IntN(len(adjectives))], animals[r.IntN(len(animals))], r.IntN(1000))
			rp.start = cursor
		}
		rp.points = p.o.Steps
		if !rp.isParent {
			switch x := r.Float64(); {
			case x < 0.07:
				rp.status = statusFailed
			case x < 0.11:
				rp.status = statusKilled
			}
		}
		rp.end = rp.start + int64(p.o.Steps+1)*rp.stepMs + r.Int64N(5000)
		if rp.parent != nil && rp.end+1000 > rp.parent.end {
			rp.parent.end = rp.end + 1000
		}
		if rp.parent == nil {
			cursor = rp.end + 60_000 + r.Int64N(30*60_000)
		} else {
			cursor = max(cursor, rp.parent.end+60_000)
		}
	}
	p.forceEdgeCases(r, ep)
	for _, rp := range ep.runs {
		p.finishRun(r, rp)
	}
}

// forceEdgeCases makes sure the first experiment shows every status and one
// deleted run, whatever the dice said.
func (p *plan) forceEdgeCases(r *rand.Rand, ep *expPlan) {
	if ep.index != 0 {
		return
	}
	var standalone []*runPlan
	for _, rp := range ep.runs {
		if !rp.isParent && rp.parent == nil {
			standalone = append(standalone, rp)
		}
	}
	if len(standalone) == 0 {
		return
	}
	last := len(standalone) - 1
	standalone[last].status = statusRunning
	if last >= 1 {
		standalone[last-1].status = statusFailed
	}
	if last >= 2 {
		standalone[last-2].status = statusKilled
	}
	if last >= 3 {
		d := standalone[0]
		d.status = statusFinished
		d.deleted = true
		d.deletedTime = d.end + 3_600_000 + r.Int64N(3_600_000)
	}
}

// finishRun decides how far a run got and what it logged besides metrics.
func (p *plan) finishRun(r *rand.Rand, rp *runPlan) {
	switch rp.status {
	case statusFailed, statusKilled:
		rp.points = max(1, p.o.Steps/4+r.IntN(max(1, p.o.Steps/2)))
		rp.end = rp.start + int64(rp.points+1)*rp.stepMs + r.Int64N(3000)
	case statusRunning:
		rp.points = max(1, p.o.Steps*3/5)
		rp.end = 0
	}
	rp.params = rp.hp.params(r, p.o.Params)
	rp.userTags = userTags(r, p.o.Tags, rp)
	rp.hasDataset = !rp.isParent && rp.index%2 == 0
	rp.hasModel = rp.status == statusFinished && !rp.isParent && !rp.deleted && r.Float64() < 0.35
	if rp.isParent || r.Float64() < 0.25 {
		rp.note = runNote(rp)
	}
}

func (p *plan) addHostile(r *rand.Rand, ep *expPlan) {
	rp := p.newRun(r, ep)
	rp.hostile = true
	p.hostile = rp
	rp.name = "<script>alert(1)</script>"
	rp.hp = randomHyper(r, ep.spec)
	rp.stepMs = 500
	last := ep.created
	for _, o := range ep.runs {
		last = max(last, o.end, o.start)
	}
	rp.start = last + 120_000
	rp.end = rp.start + int64(p.o.Steps+1)*rp.stepMs
	rp.points = p.o.Steps
	p.finishRun(r, rp)
	rp.hasModel = false
	rp.note = "Hostile content check: <script>alert(1)</script> and <img src=x onerror=alert(1)> must render as text."
	rp.userTags = append(rp.userTags, kv{"xss", "<img src=x onerror=alert(1)>"})
}
