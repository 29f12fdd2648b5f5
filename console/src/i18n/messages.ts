import type { en } from './en';

/** The shape every language's strings have (the keys of en.ts, every leaf a string). */
export type Messages = DeepStrings<typeof en>;
type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
