#!/usr/bin/env node
// The installed `ostiary` command: runs the compiled CLI (npm run build first).
// Its composition root is src/cli/main.ts.
import '../dist/cli/main.js';
