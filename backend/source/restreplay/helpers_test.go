package restreplay

import (
	"os"
	"path/filepath"
)

func readFileJSON(dir, name string) ([]byte, error) { return os.ReadFile(filepath.Join(dir, name)) }
