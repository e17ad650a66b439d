// Package service is the facade: every method the UI may call, bound to the
// desktop face by Wails and served by the web face over HTTP from the same
// method set. Every exported method of Service is part of that API, so
// lifecycle and wiring live on Backend instead.
//
// Reads come from the local cache (instant, offline); sources are synced
// into it in the background and report progress as events.
package service
