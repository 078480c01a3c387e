/** ISO weekday 1 ... 7 as words. */
export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const two = (n: number) => String(n).padStart(2, '0');

/** "09:00–09:59" for hour 9. */
export const hourSpan = (hour: number) => `${two(hour)}:00–${two(hour)}:59`;
