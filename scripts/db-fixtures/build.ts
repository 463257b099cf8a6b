// Builds test/fixtures/db/<version>/ for every landing in landings.json: the landed commit's source is copied out of
// git (git archive: nothing in this checkout or its git metadata changes), node_modules linked in, and writer.ts run
// there on that version's own store code. Run: npm run db:fixtures
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { PERSONAS, REWARDS } from '../../electron/sandbox'

const root = resolve(__dirname, '../..')
const { landings } = JSON.parse(readFileSync(join(__dirname, 'landings.json'), 'utf8')) as { landings: { version: string; commit: string }[] }
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim()
const only = process.argv.slice(2)

for (const { version, commit } of landings) {
  if (only.length && !only.includes(version)) continue
  const full = git('rev-parse', `${commit}^{commit}`)
  const tree = mkdtempSync(join(tmpdir(), `aiqc-fixture-${version}-`))
  try {
    execFileSync('sh', ['-c', `git archive ${full} electron shared package.json | tar -x -C "${tree}"`], { cwd: root })
    symlinkSync(join(root, 'node_modules'), join(tree, 'node_modules'))
    copyFileSync(join(__dirname, 'writer.ts'), join(tree, 'writer.ts'))
    const out = join(root, 'test/fixtures/db', version)
    rmSync(out, { recursive: true, force: true })
    const reward = REWARDS[0]
    const config = {
      out,
      version,
      commit: full,
      t0: Number(git('log', '-1', '--format=%ct', full)) * 1000,
      account: 'training:1000', // the sandbox's first account, as training mode names it
      contacts: [PERSONAS.member.contactID, PERSONAS.pending.contactID, PERSONAS.noConsent.contactID],
      phone: PERSONAS.member.phone!,
      reward: { id: reward.id, posDiscountID: reward.posDiscountID, name: reward.name, points: reward.pointsDeduction },
    }
    execFileSync(process.execPath, ['--import', 'tsx', 'writer.ts', JSON.stringify(config)], { cwd: tree, stdio: 'inherit' })
    console.log(`${version} (${full.slice(0, 7)}): ${out}`)
  } finally {
    rmSync(tree, { recursive: true, force: true })
  }
}
