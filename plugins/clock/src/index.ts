export { ClockPlugin } from './clock.plugin.js';
