export * from './engine';
export * from './rulebook';
export * from './shared/calendar';
export * from './shared/dates';
export * from './shared/procedure';
export * from './shared/text';
export { MEETING_TYPES } from './shared/meetings';
export { CONCLUSIONS } from './shared/legality-review';
export { DISPOSITIONS } from './shared/public-comment';
