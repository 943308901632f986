// Command margin is a terminal reader for long-form articles: it saves
// web pages, files and pasted text as clean articles in a local library,
// shows them in the terminal, and keeps highlights and notes on them.
// The commands live in internal/cli; this file only starts them.
package main

import "margin/internal/cli"

func main() { cli.Main() }
