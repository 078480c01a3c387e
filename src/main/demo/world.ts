import type { CountryCode } from 'libphonenumber-js/max';

/**
 * The demo world: where staff are, which mobile networks they use, and when they work.
 * Weights are relative; a few carriers are "bad" (they drop or filter far more SMS),
 * which is what the FAQ's "same users, same carrier" question is about.
 */
export interface Country {
  code: CountryCode;
  /** Share of staff. */
  weight: number;
  /** Standard-time UTC offset in hours; enough to put the working day in the right place. */
  utcOffset: number;
  carriers: Carrier[];
}

export interface Carrier {
  name: string;
  weight: number;
  /** Multiplies the chance of SMS failures; 1 is an ordinary network. */
  failureFactor: number;
}

const c = (name: string, weight: number, failureFactor = 1): Carrier => ({ name, weight, failureFactor });

export const COUNTRIES: Country[] = [
  {
    code: 'US',
    weight: 30,
    utcOffset: -5,
    carriers: [c('Verizon Wireless', 4), c('T-Mobile USA', 3), c('AT&T Wireless', 4), c('US Cellular', 1, 2.5)],
  },
  {
    code: 'GB',
    weight: 14,
    utcOffset: 0,
    carriers: [c('EE', 3), c('Vodafone UK', 3), c('O2 UK', 3), c('Three UK', 2, 3)],
  },
  {
    code: 'CA',
    weight: 9,
    utcOffset: -5,
    carriers: [c('Rogers', 3), c('Bell Mobility', 3), c('Telus', 3), c('Freedom Mobile', 1, 2)],
  },
  { code: 'AU', weight: 5, utcOffset: 10, carriers: [c('Telstra', 3), c('Optus', 2), c('Vodafone AU', 1)] },
  { code: 'DE', weight: 5, utcOffset: 1, carriers: [c('Telekom', 3), c('Vodafone DE', 3), c('O2 DE', 2)] },
  {
    code: 'FR',
    weight: 4,
    utcOffset: 1,
    carriers: [c('Orange France', 3), c('SFR', 2), c('Bouygues Telecom', 2), c('Free Mobile', 2)],
  },
  { code: 'IE', weight: 3, utcOffset: 0, carriers: [c('Vodafone IE', 2), c('Three Ireland', 2), c('Eir', 1)] },
  { code: 'NL', weight: 2, utcOffset: 1, carriers: [c('KPN', 2), c('VodafoneZiggo', 2), c('Odido', 1)] },
  { code: 'ES', weight: 2, utcOffset: 1, carriers: [c('Movistar', 2), c('Vodafone ES', 1), c('Orange Spain', 1)] },
  { code: 'IT', weight: 2, utcOffset: 1, carriers: [c('TIM', 2), c('Vodafone IT', 1), c('WindTre', 1)] },
  { code: 'IN', weight: 4, utcOffset: 5.5, carriers: [c('Jio', 3), c('Airtel India', 3), c('Vi India', 2, 4)] },
  { code: 'ZA', weight: 2, utcOffset: 2, carriers: [c('Vodacom', 2), c('MTN South Africa', 2), c('Cell C', 1, 3)] },
  { code: 'NZ', weight: 1, utcOffset: 12, carriers: [c('Spark NZ', 1), c('One NZ', 1)] },
  { code: 'SG', weight: 1, utcOffset: 8, carriers: [c('Singtel', 1), c('StarHub', 1)] },
  { code: 'HK', weight: 1, utcOffset: 8, carriers: [c('CSL', 1), c('SmarTone', 1)] },
  { code: 'JP', weight: 1, utcOffset: 9, carriers: [c('NTT Docomo', 2), c('SoftBank Mobile', 1)] },
  { code: 'MX', weight: 2, utcOffset: -6, carriers: [c('Telcel', 3), c('AT&T Mexico', 1)] },
  { code: 'BR', weight: 2, utcOffset: -3, carriers: [c('Vivo', 2), c('Claro Brasil', 2), c('TIM Brasil', 1)] },
  { code: 'AR', weight: 1, utcOffset: -3, carriers: [c('Personal AR', 1), c('Movistar AR', 1)] },
  { code: 'SE', weight: 1, utcOffset: 1, carriers: [c('Telia', 1), c('Tele2', 1)] },
  { code: 'NO', weight: 1, utcOffset: 1, carriers: [c('Telenor', 1), c('Telia Norge', 1)] },
  { code: 'DK', weight: 1, utcOffset: 1, carriers: [c('TDC', 1), c('3 Denmark', 1)] },
  { code: 'BE', weight: 1, utcOffset: 1, carriers: [c('Proximus', 1), c('Orange Belgium', 1)] },
  { code: 'CH', weight: 1, utcOffset: 1, carriers: [c('Swisscom', 1), c('Sunrise', 1)] },
  { code: 'AT', weight: 1, utcOffset: 1, carriers: [c('A1 Austria', 1), c('Magenta AT', 1)] },
  { code: 'PL', weight: 1, utcOffset: 1, carriers: [c('Play', 1), c('Orange Polska', 1)] },
  { code: 'PT', weight: 1, utcOffset: 0, carriers: [c('MEO', 1), c('NOS', 1)] },
  { code: 'AE', weight: 1, utcOffset: 4, carriers: [c('Etisalat', 1), c('du', 1)] },
  { code: 'NG', weight: 1, utcOffset: 1, carriers: [c('MTN Nigeria', 2, 2), c('Glo Mobile', 1, 5)] },
  { code: 'KE', weight: 1, utcOffset: 3, carriers: [c('Safaricom', 1)] },
  { code: 'PH', weight: 1, utcOffset: 8, carriers: [c('Globe Telecom', 1), c('Smart PH', 1)] },
  { code: 'MY', weight: 1, utcOffset: 8, carriers: [c('Maxis', 1), c('CelcomDigi', 1)] },
];

export const FIRST_NAMES = [
  'Ava',
  'Ben',
  'Chloe',
  'Dev',
  'Ella',
  'Finn',
  'Grace',
  'Hugo',
  'Isla',
  'Jack',
  'Kemi',
  'Liam',
  'Maya',
  'Noah',
  'Olivia',
  'Priya',
  'Quinn',
  'Ravi',
  'Sofia',
  'Tom',
  'Amara',
  'Bruno',
  'Carmen',
  'Daniel',
  'Emma',
  'Felix',
  'Hannah',
  'Ibrahim',
  'Julia',
  'Kenji',
  'Lucas',
  'Mei',
  'Nadia',
  'Oscar',
  'Paula',
  'Rosa',
  'Samuel',
  'Tara',
  'Umar',
  'Vera',
  'Wei',
  'Yusuf',
  'Zoe',
  'Aisha',
  'Chen',
  'Diego',
  'Elena',
  'Arjun',
  'Lena',
  'Mateo',
];

export const LAST_NAMES = [
  'Adams',
  'Brown',
  'Chen',
  'Davies',
  'Evans',
  'Fischer',
  'Garcia',
  'Hughes',
  'Ito',
  'Jones',
  'Khan',
  'Lopez',
  'Murphy',
  'Nowak',
  'Okafor',
  'Patel',
  'Rossi',
  'Smith',
  'Taylor',
  'Walsh',
  'Anderson',
  'Becker',
  'Costa',
  'Dubois',
  'Eriksson',
  'Fernandes',
  'Gupta',
  'Hansen',
  'Ibrahim',
  'Jensen',
  'Kowalski',
  'Larsen',
  'Martin',
  'Nakamura',
  "O'Brien",
  'Petrov',
  'Quinn',
  'Reyes',
  'Santos',
  'Tanaka',
  'Usman',
  'Van Dijk',
  'Wagner',
  'Xu',
  'Yamamoto',
  'Zhang',
  'Moreau',
  'Novak',
  'Silva',
  'Kim',
];

/**
 * Share of a weekday's sign-ins per local hour: quiet at night, a sharp peak at the start
 * of the working day (the FAQ's "high traffic times at the start of the work day"), a
 * lunch dip and a second smaller peak after lunch.
 */
export const HOUR_WEIGHTS = [
  0.3, 0.2, 0.15, 0.15, 0.2, 0.5, 1.5, 5, 12, 14, 9, 7, 5, 7.5, 8, 6.5, 5.5, 4, 2.5, 1.8, 1.3, 1, 0.7, 0.5,
];

/** Weekend days carry this share of a weekday's volume. */
export const WEEKEND_FACTOR = 0.22;
