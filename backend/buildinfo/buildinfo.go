// Package buildinfo holds the version stamped in at build time with
// -ldflags "-X flowdeck/backend/buildinfo.Version=…".
package buildinfo

import (
	"runtime"
	"runtime/debug"
)

// Set by the linker; defaults describe a development build.
var (
	Version   = "0.1.0-dev"
	Commit    = ""
	BuildTime = ""
)

// Info describes this binary.
type Info struct {
	Version   string
	Commit    string
	BuildTime string
	GoVersion string
}

// Get returns the stamped values, falling back to the VCS data Go embeds.
func Get() Info {
	i := Info{Version: Version, Commit: Commit, BuildTime: BuildTime, GoVersion: runtime.Version()}
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				if i.Commit == "" {
					i.Commit = s.Value
				}
			case "vcs.time":
				if i.BuildTime == "" {
					i.BuildTime = s.Value
				}
			}
		}
	}
	if len(i.Commit) > 12 {
		i.Commit = i.Commit[:12]
	}
	return i
}
