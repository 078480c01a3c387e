export { parsePhone, phoneTypeLabel, phoneTypeWarning } from './parse';
export type { ParsedPhone, PhoneRefusal, PhoneType, RefusedPhone } from './parse';
export { maskPhone } from '../../shared/mask';
