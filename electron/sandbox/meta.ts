// Sandbox bookkeeping on a persona, invisible on the wire: a symbol key (JSON.stringify skips symbols) and a
// prototype getter `blocklisted` (not an own property, so never serialised).
import type { Persona } from '../aiq/types'

export const META: unique symbol = Symbol('sandbox.meta')
export type Meta = { blocklisted: boolean; seedPoints: number; usedPoints: number; seeded: boolean }
export type SandboxPersona = Persona & { [META]: Meta; readonly blocklisted: boolean }

/** Generated personas are instances (one hidden class, fast to build); others get this prototype. */
export class PersonaRecord {
  declare [META]: Meta
  get blocklisted(): boolean {
    return this[META]?.blocklisted ?? false
  }
}
export const PERSONA_PROTO: object = PersonaRecord.prototype
