/**
 * Where a hub listens unless told otherwise. Its own module, with no imports, so a station
 * (whose `--site` and `--hub` defaults are these) does not load the hub to learn them.
 */
export const HUB_DEFAULTS = { site: 'main', host: '127.0.0.1', port: 8080, mqttPort: 1883 } as const;
