package ui

// THROWAWAY phase timing; remove before handing back.

import (
	"fmt"
	"os"
	"time"
)

var phaseFile *os.File

func init() {
	if p := os.Getenv("MARGIN_PHASE"); p != "" {
		phaseFile, _ = os.OpenFile(p, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
		phase("ui init")
	}
}

func phase(name string) {
	if phaseFile != nil {
		fmt.Fprintf(phaseFile, "%d %s\n", time.Now().UnixNano(), name)
	}
}
