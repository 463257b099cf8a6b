// Packaging (electron-builder): `electron-builder --config electron-builder.config.ts` after `electron-vite build`.
// The fuses are flipped in the packaged Electron binary itself, so a packaged counter can't be turned into a Node
// runtime, inspected, fed NODE_OPTIONS, or made to load code from outside its integrity-checked app.asar.
import type { Configuration } from 'electron-builder'

const config: Configuration = {
  appId: 'com.aiqcounter.app',
  productName: 'AIQ Counter',
  directories: { output: 'dist', buildResources: 'build' },
  // electron-vite's output only; runtime dependencies (better-sqlite3, keytar, pino, zod …) are added by electron-builder
  files: ['out/**/*', '!**/*.map', 'package.json'],
  asar: true,
  // native addons can't be loaded from inside an asar archive
  asarUnpack: ['**/*.node'],
  // rebuilds better-sqlite3 against the packaged Electron's headers (keytar is N-API and needs no rebuild)
  npmRebuild: true,
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableCookieEncryption: true,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    // the renderer is served from app://, never file://
    grantFileProtocolExtraPrivileges: false,
  },
  linux: { target: ['AppImage', 'deb'], category: 'Office' },
  win: { target: 'nsis' },
  mac: { target: 'dmg', hardenedRuntime: true, category: 'public.app-category.business' },
}

export default config
