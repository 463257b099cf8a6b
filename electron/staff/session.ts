// Who is signed in at this counter, and when they last did something. Pure.

export interface Session {
  staffId: string
  signedInAt: number
  lastActiveAt: number
}

export const isIdle = (s: Session, now: number, idleMinutes: number): boolean => now - s.lastActiveAt >= idleMinutes * 60_000

export const touched = <S extends Session>(s: S, now: number): S => ({ ...s, lastActiveAt: Math.max(s.lastActiveAt, now) })
