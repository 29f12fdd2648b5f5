export * from './topology';
export * from './profile';
