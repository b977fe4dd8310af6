export * from './types';
export * from './addresses';
export * from './stateNames';
export * from './parse';
export * from './findings';
export * from './report';
