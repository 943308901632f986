package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"
)

// waitForCreator decides what a 0-byte file at a library's path is. A
// margin creating a new library makes the file empty, then writes the
// schema to its write-ahead log (-wal), so for a moment a new library is
// an empty file; one that stays empty with no log beside it is not a
// library, and opening it would silently start a new, empty one where the
// user may have expected theirs (a failed copy, a truncation). Open
// refuses it: the user decides, by deleting it or restoring a backup.
func waitForCreator(abs string, fi fs.FileInfo, timeout time.Duration) error {
	// Another margin may be creating it right now (it takes
	// milliseconds): a file made in the last two seconds gets until then
	// to show its log.
	deadline := fi.ModTime().Add(min(timeout, time.Second) + time.Second)
	for {
		if w, err := os.Stat(abs + "-wal"); err == nil && w.Size() > 0 {
			return nil // a library whose schema is in its log
		}
		if f, err := os.Stat(abs); err != nil || f.Size() > 0 {
			return nil // gone or written: let SQLite say what it is
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%w (0 bytes), not a margin library; if your library was here, restore it from a backup; to start a new library, delete the empty file", ErrEmptyFile)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// IsDamaged reports whether err says the library file is damaged or
// empty, the failures that Salvage or a backup, not a retry, answer.
func IsDamaged(err error) bool {
	return errors.Is(err, ErrDamaged) || errors.Is(err, ErrEmptyFile)
}
