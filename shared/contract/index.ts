// The one source of truth for the IPC API between the renderer and the main process. The preload, the main-process
// router, the renderer's client and browser mode's bridge are all derived from it:
//   names.ts    the method and event names, zod-free (the preload and the renderer's client use only these)
//   domain.ts   the domain's schemas (customers, rewards, the outbox, status, reports)
//   staff.ts    staff, PINs and the ID check
//   methods.ts  the method and event table: each one's input, output and payload schema
export * from './names'
export * from './domain'
export * from './staff'
export * from './methods'
export * from './customer-names'
export * from './customer-screen'
