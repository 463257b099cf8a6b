// Fictional stores, brands and products of the training dispensary. All names are made up.

export type Store = { id: number; name: string; nickname: string; addr: string; phone: string }
export const STORES: readonly Store[] = [
  { id: 101, name: 'Timberline Cannabis Co. — Colfax', nickname: 'Colfax', addr: '1200 E Colfax Ave, Denver, CO', phone: '3035550180' },
  { id: 102, name: 'Timberline Cannabis Co. — Boulder', nickname: 'Boulder', addr: '2400 Pearl St, Boulder, CO', phone: '7205550181' },
  { id: 103, name: 'Timberline Cannabis Co. — Fort Collins', nickname: 'Fort Collins', addr: '310 College Ave, Fort Collins, CO', phone: '9705550182' },
  { id: 104, name: 'Timberline Cannabis Co. — Springs', nickname: 'Springs', addr: '88 Tejon St, Colorado Springs, CO', phone: '7195550183' },
]

export type Product = { sku: string; name: string; brand: string; category: string; price: number }

const line = (sku: string, name: string, brand: string, category: string, price: number): Product => ({ sku, name, brand, category, price })

export const PRODUCTS: readonly Product[] = [
  line('FL-001', 'Blue Dream 3.5g', 'Front Range Farms', 'Flower', 35),
  line('FL-002', 'Gelato #41 3.5g', 'Summit Grown', 'Flower', 45),
  line('FL-003', 'Sour Diesel 7g', 'Front Range Farms', 'Flower', 60),
  line('FL-004', 'Wedding Cake 3.5g', 'Alpine Glow', 'Flower', 40),
  line('FL-005', 'GMO Cookies 1oz', 'Summit Grown', 'Flower', 160),
  line('FL-006', 'Durban Poison 3.5g', 'High Plains Organics', 'Flower', 30),
  line('FL-007', 'Ice Cream Cake 3.5g', 'Alpine Glow', 'Flower', 42),
  line('PR-001', 'Jack Herer Pre-Roll 1g', 'Canyon Cones', 'Pre-Rolls', 10),
  line('PR-002', 'Infused Pre-Roll 5-pack', 'Canyon Cones', 'Pre-Rolls', 38),
  line('PR-003', 'Mini Dogwalkers 10-pack', 'Front Range Farms', 'Pre-Rolls', 28),
  line('PR-004', 'Pineapple Express Pre-Roll 1g', 'High Plains Organics', 'Pre-Rolls', 9),
  line('VP-001', 'Strawberry Cough Cartridge 0.5g', 'Peak Extracts', 'Vapes', 30),
  line('VP-002', 'Live Resin Cart 1g — Tangie', 'Peak Extracts', 'Vapes', 50),
  line('VP-003', 'All-in-One Disposable — Mango', 'Cloud Nine Labs', 'Vapes', 35),
  line('VP-004', 'Distillate Cart 1g — OG Kush', 'Cloud Nine Labs', 'Vapes', 40),
  line('ED-001', 'Huckleberry Gummies 100mg', 'Rocky Road Edibles', 'Edibles', 18),
  line('ED-002', 'Dark Chocolate Bar 100mg', 'Mountain Cocoa', 'Edibles', 20),
  line('ED-003', 'Sleep Gummies 1:1 CBN', 'Rocky Road Edibles', 'Edibles', 22),
  line('ED-004', 'Sparkling Lemonade 10mg', 'Fizz Canyon', 'Edibles', 8),
  line('ED-005', 'Sour Watermelon Chews 100mg', 'Mountain Cocoa', 'Edibles', 16),
  line('CO-001', 'Live Rosin 1g — Papaya', 'Peak Extracts', 'Concentrates', 55),
  line('CO-002', 'Shatter 1g — GSC', 'Glacier Extracts', 'Concentrates', 25),
  line('CO-003', 'Badder 1g — Zkittlez', 'Glacier Extracts', 'Concentrates', 30),
  line('CO-004', 'Diamonds & Sauce 1g', 'Peak Extracts', 'Concentrates', 45),
  line('TI-001', 'CBD:THC 2:1 Tincture 30ml', 'Alpine Glow', 'Tinctures', 40),
  line('TP-001', 'Relief Balm 500mg', 'High Plains Organics', 'Topicals', 35),
]

/** Rewards offered in every wallet, cheapest first. */
export const REWARDS = [
  { id: 'rw-5off', posDiscountID: 'POS-5OFF', name: '$5 off', pageTitle: '$5 off your order', pointsDeduction: 100 },
  { id: 'rw-preroll', posDiscountID: 'POS-PREROLL', name: 'Free pre-roll', pageTitle: 'A free 1g house pre-roll', pointsDeduction: 150 },
  { id: 'rw-10off', posDiscountID: 'POS-10OFF', name: '$10 off', pageTitle: '$10 off your order', pointsDeduction: 200 },
  { id: 'rw-25off', posDiscountID: 'POS-25OFF', name: '$25 off', pageTitle: '$25 off an order of $50 or more', pointsDeduction: 450 },
] as const

export const FIRST_NAMES = [
  'Maya', 'Liam', 'Olivia', 'Noah', 'Emma', 'Elijah', 'Ava', 'James', 'Sophia', 'Lucas', 'Isabella', 'Mateo', 'Mia',
  'Ethan', 'Harper', 'Aiden', 'Amelia', 'Jackson', 'Evelyn', 'Sebastian', 'Aria', 'Diego', 'Chloe', 'Wyatt', 'Layla',
  'Owen', 'Nora', 'Caleb', 'Zoe', 'Isaac', 'Hannah', 'Gabriel', 'Lily', 'Julian', 'Grace', 'Andre', 'Priya', 'Devon',
  'Sam', 'Riley', 'Jordan', 'Taylor', 'Morgan', 'Casey', 'Quinn', 'Rosa', 'Tomas', 'Keiko', 'Malik', 'Fatima', 'Wei',
  'Anika', 'Marcus', 'Elena', 'Hector', 'Nadia', 'Omar', 'Tessa', 'Victor', 'Yara',
] as const

export const LAST_NAMES = [
  'Lopez', 'Smith', 'Johnson', 'Williams', 'Brown', 'Garcia', 'Miller', 'Davis', 'Martinez', 'Hernandez', 'Wilson',
  'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White', 'Harris',
  'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres',
  'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter',
  'Roberts', 'Shah', 'Reed', 'Chen', 'Kim', 'Patel', 'Okafor', 'Novak', 'Silva', 'Haddad', 'Yamamoto', 'Larsen',
] as const
