export { ModerationPlugin } from './moderation.plugin.js';
