// A customer's saved details at AIQ are keyed in AIQ's words ("favoriteCategory", "firstName"): the profile shows them
// in the budtender's. The key itself is what is sent back to AIQ. Pure.

const KNOWN: Record<string, string> = {
  favoriteCategory: 'Favourite category',
  favoriteStoreID: 'Favourite store',
  favoriteStore: 'Favourite store',
  firstName: 'First name',
  lastName: 'Last name',
  mobilePhone: 'Mobile phone',
  homePhone: 'Home phone',
  email: 'Email',
  birthday: 'Birthday',
  dob: 'Date of birth',
}

/** "favoriteCategory" → "Favourite category", "preferred_strain" → "Preferred strain"; a key it cannot split stays as typed. */
export function fieldLabel(key: string): string {
  const known = KNOWN[key]
  if (known) return known
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/\bid\b/g, 'ID')
  return words ? words[0]!.toUpperCase() + words.slice(1) : key
}
