#!/usr/bin/env node
// The `framelens` command. Saves wait on fsyncs in libuv's pool of file threads, four unless UV_THREADPOOL_SIZE
// says otherwise; with four, twenty coders' fsyncs hold every thread and even a stat waits behind them. The size
// is read once, when the pool first starts, and an ES module entry has started it (its loader reads files there)
// before its first line runs: this CommonJS launcher is the last place it can still be set.
process.env.UV_THREADPOOL_SIZE ??= '16';
import('./framelens.js');
