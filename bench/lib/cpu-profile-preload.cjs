// Preload (NODE_OPTIONS="--require <this file>") that CPU-profiles a long-running Node process, such as the chaincode
// server, and writes <GOVCHAIN_CPU_PROF_DIR>/<pid>.cpuprofile when it receives SIGTERM. (--cpu-prof itself is not
// allowed in NODE_OPTIONS, and only writes on a normal exit.)
const { Session } = require('node:inspector');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const dir = process.env.GOVCHAIN_CPU_PROF_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable', () => session.post('Profiler.start'));
  process.on('SIGTERM', () => {
    session.post('Profiler.stop', (err, res) => {
      if (!err) {
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, `${process.pid}.cpuprofile`), JSON.stringify(res.profile));
      }
      process.exit(0);
    });
  });
}
