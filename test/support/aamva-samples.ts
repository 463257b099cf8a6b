// Licence barcodes for tests, laid out as the AAMVA DL/ID Card Design Standard lays them out (header, subfile
// designators with offsets and lengths, the DL or ID subfile, a jurisdiction subfile), modelled on its Annex examples.
// Every person and number here is the standard's sample or made up.

const LF = '\n'
const RS = '\u001e'
const CR = '\r'

export type Sample = { version: number; document: 'DL' | 'ID'; iin?: string; elements: string[]; jurisdiction?: string[] }

/** Name elements as each version of the standard names them. */
export function nameElements(version: number, last: string, first: string, middle = ''): string[] {
  if (version <= 1) return [`DAA${last},${first}${middle ? `,${middle}` : ''}`]
  if (version <= 3) return [`DCS${last}`, `DCT${first}${middle ? `,${middle}` : ''}`]
  return [`DCS${last}`, `DAC${first}`, `DAD${middle || 'NONE'}`, 'DDEN', 'DDFN', 'DDGN']
}

/** A date as the version and country write it: CCYYMMDD in 01 and in Canada, else MMDDCCYY. */
export function aamvaDate(iso: string, version: number, canada = false): string {
  const [y, m, d] = iso.split('-') as [string, string, string]
  return version <= 1 || canada ? `${y}${m}${d}` : `${m}${d}${y}`
}

/** The barcode text exactly as the card holds it (LF between elements, CR after each subfile). */
export function barcode(s: Sample): string {
  const iin = s.iin ?? '636000'
  const subfiles: { type: string; body: string }[] = [{ type: s.document, body: `${s.document}${s.elements.join(LF)}${CR}` }]
  subfiles.push({ type: 'ZV', body: `ZV${(s.jurisdiction ?? ['ZVA01']).join(LF)}${CR}` })
  const v = String(s.version).padStart(2, '0')
  const header = `@${LF}${RS}${CR}ANSI ${iin}${v}${s.version >= 2 ? '00' : ''}${String(subfiles.length).padStart(2, '0')}`
  let offset = header.length + subfiles.length * 10
  let designators = ''
  for (const f of subfiles) {
    designators += `${f.type}${String(offset).padStart(4, '0')}${String(f.body.length).padStart(4, '0')}`
    offset += f.body.length
  }
  return header + designators + subfiles.map((f) => f.body).join('')
}

/** A card for `version`: a person born on `dob`, the card expiring on `expiry`. */
export function card(version: number, document: 'DL' | 'ID', dob: string, expiry: string, name = { last: 'PUBLIC', first: 'JOHN', middle: 'QUINCY' }): string {
  return barcode({
    version,
    document,
    elements: [
      `DAQ${document === 'DL' ? 'T64235789' : 'ID1234567'}`,
      ...nameElements(version, name.last, name.first, name.middle),
      `DBB${aamvaDate(dob, version)}`,
      `DBA${aamvaDate(expiry, version)}`,
      `DBD${aamvaDate('2019-06-06', version)}`,
      'DBC1',
      'DAG2300 WEST BROAD STREET',
      'DAIRICHMOND',
      'DAJVA',
      'DAK232690000  ',
      ...(version >= 4 ? ['DCGUSA'] : []),
    ],
  })
}

/** The example in the 2020 standard (version 10), Annex D: Michael John Sample, Virginia. */
export const STANDARD_2020_EXAMPLE =
  '@\n\u001e\rANSI 636000100002DL00410278ZV03190008DLDAQT64235789\nDCSSAMPLE\nDDEN\nDACMICHAEL\nDDFN\nDADJOHN\nDDGN\nDCUJR\nDCAD\nDCBK\nDCDPH\n' +
  'DBD06062019\nDBB06061986\nDBA12102024\nDBC1\nDAU068 in\nDAYBRO\nDAG2300 WEST BROAD STREET\nDAIRICHMOND\nDAJVA\nDAK232690000  \n' +
  'DCF2424244747474786102204\nDCGUSA\nDCK123456789\nDDAF\nDDB06062018\nDDC06062020\nDDD1\rZVZVA01\r'

/** The example in the 2000 standard (version 01): John Q Public, Virginia; dates CCYYMMDD, the name in DAA. */
export const STANDARD_2000_EXAMPLE =
  '@\n\u001e\rANSI 6360000102DL00390187ZV02260032DLDAQ0123456789ABC\nDAAPUBLIC,JOHN,Q\nDAG123 MAIN STREET\nDAIANYTOWN\nDAJVA\n' +
  'DAK123459999  \nDARDM  \nDAS          \nDAT     \nDAU509\nDAW175\nDAYBL \nDAZBR \nDBA20011201\nDBB19761123\nDBCM\nDBD19961201\r' +
  'ZVZVAJURISDICTIONDEFINEDELEMENT\r'

/** What a keyboard-wedge scanner hands the page: each LF and CR became an Enter ("\r"); RS survives as Ctrl+^. */
export const asWedge = (text: string) => text.replace(/\n/g, '\r')
