import { createRequire } from 'node:module';

interface WinstonLoggerPrototype {
  write(info: unknown, ...rest: unknown[]): boolean;
  isLevelEnabled(level: string): boolean;
  [GATED]?: true;
}

const GATED = Symbol.for('govchain.logLevelGate');
/** triple-beam's LEVEL key, which winston sets on every log entry. */
const LEVEL = Symbol.for('level');

/**
 * fabric-shim and fabric-contract-api log through winston, and winston formats every entry (timestamp, metadata,
 * colours, padding, printf) before its transport drops the ones below the level. At WARNING that was ~14 % of the
 * chaincode server's busy CPU in a profile (docs/performance.md). This gate drops an entry below the logger's level
 * before any stream or format work. It patches each distinct winston copy the two packages load, once; entries at
 * or above the level are untouched. Returns how many winston copies it gated.
 */
export function gateWinstonByLevel(): number {
  const own = createRequire(__filename);
  const prototypes = new Set<WinstonLoggerPrototype>();
  for (const pkg of ['fabric-shim', 'fabric-contract-api']) {
    try {
      const winston = createRequire(own.resolve(pkg))('winston') as { Logger?: { prototype: WinstonLoggerPrototype } };
      if (winston.Logger) prototypes.add(winston.Logger.prototype);
    } catch {
      // the package (or its winston) is absent here: nothing of it to gate
    }
  }
  for (const proto of prototypes) {
    if (proto[GATED] || typeof proto.isLevelEnabled !== 'function') continue;
    const write = proto.write;
    proto.write = function gatedWrite(this: WinstonLoggerPrototype, info: unknown, ...rest: unknown[]): boolean {
      if (info !== null && typeof info === 'object') {
        const entry = info as { level?: unknown; [LEVEL]?: unknown };
        const level = entry[LEVEL] ?? entry.level;
        if (typeof level === 'string' && !this.isLevelEnabled(level)) return true;
      }
      return write.call(this, info, ...rest);
    };
    proto[GATED] = true;
  }
  return prototypes.size;
}
