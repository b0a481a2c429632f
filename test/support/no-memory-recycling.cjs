/**
 * Stands in for zapier-platform-core's memory-checker in tests only. In Zapier's runtime it
 * exits a Lambda process that is above 450 MB RSS after 250 runs, so that a fresh one takes
 * over. A jest worker hosts jest, the sandbox and thousands of fuzzed runs, and sits near that
 * by itself; exiting it would end the test run. (Retained heap stays flat across runs: the
 * benchmark measures it.)
 */
module.exports = () => {};
