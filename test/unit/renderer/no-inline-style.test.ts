// Issue 10, item 5: the CSP allows no inline style, so the renderer's source has none: no React style={…} props,
// no element.style writes, no <style> or style="" in markup. Styles live in the .css files, chosen by class.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { expect, it } from 'vitest'

const root = join(__dirname, '../../../renderer')
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return /\.(tsx?|html)$/.test(name) ? [path] : []
  })
}

it('no source file in renderer/ sets an inline style', () => {
  const inline = [
    /\bstyle=\{/, // React style prop: a style attribute in the page
    /\.style\.[a-zA-Z]/, // element.style.x = …
    /\.style\s*=/, // element.style = …
    /setAttribute\(\s*['"]style['"]/,
    /cssText/,
    /<style[\s>]/i, // a <style> element in markup
    /\sstyle="/i, // a style attribute in markup
    /dangerouslySetInnerHTML/, // markup the checks above cannot see into
  ]
  const files = sources(root)
  expect(files.length).toBeGreaterThan(20)
  const hits = files.flatMap((f) =>
    readFileSync(f, 'utf8')
      .split('\n')
      .flatMap((line, i) => (inline.some((re) => re.test(line)) ? [`${relative(root, f)}:${i + 1}: ${line.trim()}`] : [])),
  )
  expect(hits).toEqual([])
})
