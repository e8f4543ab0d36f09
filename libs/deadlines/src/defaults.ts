import calendarData from '../data/calendar.json';
import rulesData from '../data/clock-rules.json';
import { CalendarData, WorkCalendar } from './calendar';
import { ClockRules, ClockRulesData } from './rules';

/** The calendar and rules shipped with the platform. */
export const defaultCalendarData = (): CalendarData => structuredClone(calendarData as CalendarData);
export const defaultClockRulesData = (): ClockRulesData => structuredClone(rulesData as unknown as ClockRulesData);
export const defaultCalendar = () => new WorkCalendar(defaultCalendarData());
export const defaultClockRules = () => new ClockRules(defaultClockRulesData());
