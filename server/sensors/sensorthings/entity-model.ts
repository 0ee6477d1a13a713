/**
 * The SensorThings API v1.1 data model (OGC 18-088, §8.2): entity sets, their properties and
 * navigation properties. Relations are kept on the documents: a Thing lists its Locations, a
 * Datastream names its Thing, Sensor, ObservedProperty and the FeatureOfInterest its
 * observations default to. Observations live in the observations table, not here.
 */
import type { EntityType } from '../store/sensor-store.ts';

export type AnyType = EntityType | 'Observation';

export interface Navigation {
  target: AnyType;
  many: boolean;
}

export const ENTITY_SETS: Record<string, AnyType> = {
  Things: 'Thing', Locations: 'Location', Sensors: 'Sensor', ObservedProperties: 'ObservedProperty',
  Datastreams: 'Datastream', Observations: 'Observation', FeaturesOfInterest: 'FeatureOfInterest',
};

export const SET_OF: Record<AnyType, string> = Object.fromEntries(Object.entries(ENTITY_SETS).map(([k, v]) => [v, k])) as Record<AnyType, string>;

export const NAVIGATION: Record<AnyType, Record<string, Navigation>> = {
  Thing: { Locations: { target: 'Location', many: true }, Datastreams: { target: 'Datastream', many: true } },
  Location: { Things: { target: 'Thing', many: true } },
  Sensor: { Datastreams: { target: 'Datastream', many: true } },
  ObservedProperty: { Datastreams: { target: 'Datastream', many: true } },
  Datastream: {
    Thing: { target: 'Thing', many: false }, Sensor: { target: 'Sensor', many: false },
    ObservedProperty: { target: 'ObservedProperty', many: false }, Observations: { target: 'Observation', many: true },
  },
  Observation: { Datastream: { target: 'Datastream', many: false }, FeatureOfInterest: { target: 'FeatureOfInterest', many: false } },
  FeatureOfInterest: { Observations: { target: 'Observation', many: true } },
};

/** Document keys that hold relations (not returned as properties). */
export const RELATION_KEYS = new Set(['Locations', 'Thing', 'Sensor', 'ObservedProperty', 'FeatureOfInterest']);
