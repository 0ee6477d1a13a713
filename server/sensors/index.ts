/** server/sensors: the sensor service (OGC SensorThings API v1.1, MQTT, alarms, live push, demo feed). */
export { createSensorService, SENSOR_SERVICE_DEFAULTS, type SensorService, type SensorServiceOptions } from './sensor-service.ts';
export { sensorPlugin } from './sensor-plugin.ts';
export type { MqttOptions } from './mqtt-bridge.ts';
export type { DemoFeedOptions } from './demo-feed.ts';
export type { NewObservation, SensorStore } from './store/sensor-store.ts';
