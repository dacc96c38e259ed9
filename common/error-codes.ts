/**
 * Every code a `PackgateError` carries, with what it means, in one place (as fastify keeps its
 * own in lib/errors.js). `PackgateError` takes only these, so a new code is added here first;
 * docs/errors.md lists them all, a table per section, written by `npm run generate`
 * (common/codegen/errors-page.ts), and a test keeps the two equal. The hub's API answers with its
 * own codes (hub/api/errors.ts, hub/domain/errors.ts), the decoder with `ScanRejection`.
 */
export const ERROR_SECTIONS = {
  'The command line': {
    USAGE: 'an option or argument is missing, unknown or malformed; the message names it (exit code 2)',
    FAILED: 'an unexpected error with no code of its own (printed by the command line, never thrown)',
    INVALID_ID: 'a station or site id outside letters, digits, `.`, `_`, `-`',
    PORT_IN_USE: 'a port the command must listen on is taken; the message names the option that chooses it',
    PASSWORD_FILE_UNREADABLE: '`--mqtt-password-file` cannot be read',
    PASSWORD_FILE_INVALID: '`--mqtt-password-file` does not hold one password on one line',
    CONFIG_UNREADABLE: '`--config FILE` cannot be read, or is over 256 KiB',
    CONFIG_INVALID: '`--config FILE` is not a JSON object of the command\'s options, or a key or value in it is wrong; the message names the key',
    HUB_API_REFUSED: "the hub's HTTP API refused a call the demo made; the message carries the hub's code",
  },
  'Data folders and stores': {
    DATA_LOCKED: 'another process holds the data folder (a second hub or agent on it); the message names its pid and host',
    FILE_LOCKED: "another process held a state document's change lock (`hub-state.json.lock`) for over 5 s; the message names the file and its pid. Try again",
    HISTORY_CORRUPT: 'the hub history is damaged in the middle (not a torn tail), so the hub will not open it',
    HISTORY_SEQ: 'a history record out of sequence was about to be written (a bug; nothing is written)',
    HISTORY_WRITE_FAILED: 'the disk refused a history append (ENOSPC, EIO…); ingest stalls and retries',
    JOURNAL_WRITE_FAILED: "the disk refused a station journal append; the station refuses the pack step",
    HUB_STATE_DAMAGED: '`hub-state.json` is unreadable beside a history; restore it from a backup',
    HUB_STATE_MISSING: '`hub-state.json` is missing beside a non-empty history; restore it from a backup',
    NO_HUB_STATE: 'a `packgate hub` subcommand found no hub state in `--data`',
    DOMAIN_STATE_INVALID: "the saved domain snapshot (`domain.json`) is not the domain's shape; it is rebuilt from the history",
  },
  'MQTT logins and the broker': {
    BAD_USERNAME: 'an MQTT username outside 1–128 letters, digits, `_`, `.`, `@`, `-`',
    DUPLICATE_USERNAME: 'an MQTT username appears twice in the station logins',
    BAD_PASSWORD_HASH: 'a stored password hash is not a Mosquitto `$7$` (PBKDF2-SHA512) hash',
    NO_SUCH_STATION: 'no MQTT login for that station',
    STATION_EXISTS: 'the station already has an MQTT login (`--replace` issues a new password)',
    NO_SUCH_TOKEN: 'no API token with that id',
    BROKER_UNREACHABLE: 'no MQTT broker answered at `--broker` in time',
    BROKER_LOGIN_REFUSED: "the external MQTT broker refused the hub's login",
    MQTT_CONNECT_REFUSED: 'the embedded broker refused a connection (bad login, unknown station)',
    MQTT_PUBLISH_REFUSED: "the embedded broker refused a publish outside the client's topics (ACL)",
    JSON_TOO_DEEP: 'a request body nests deeper than 64 levels (HTTP 400)',
  },
  'Devices: scanners, scales, cameras': {
    BAD_SCANNER_SPEC: '`--scanner` cannot be read',
    SERIAL_PORT_NOT_FOUND: 'no serial port with the USB id a `serial:usb:VID:PID` target names (`--scanner`, `--scale`)',
    HID_UNAVAILABLE: 'node-hid cannot load (libusb missing); the message names the library',
    HID_NOT_FOUND: 'no HID device with the vendor and product id given',
    HID_OPEN_FAILED: 'the HID device is there but cannot be opened (permissions, another program)',
    HID_UNENCODABLE: 'the simulated HID scanner was asked to type a byte no US keyboard key makes',
    BAD_SCALE_SPEC: '`--scale` cannot be read',
    BAD_CAMERA_SPEC: '`--camera` cannot be read',
    FFMPEG_FAILED: 'ffmpeg could not start (not installed, or refused its arguments)',
    SIM_PTY_FAILED: "a simulator's pseudo-terminal could not be made (socat missing, or a link path it cannot take)",
    BAD_SIM_SCRIPT: "a line of a simulator's script cannot be read",
  },
  'Printing: ZPL printers': {
    NO_PRINTER: 'a station in the `print-after-verify` flow has no printer: give `--printer`, or `--flow verify-preprinted`',
    BAD_PRINTER_SPEC: '`--printer` cannot be read, or names two print programs for one platform',
    PRINTER_UNREACHABLE: 'the label printer cannot be reached; nothing was sent',
    PRINTER_IO: 'the connection to the label printer failed while sending',
    PRINTER_TIMEOUT: 'the label printer did not answer a status query in time (often paper, ribbon or head)',
    PRINTER_NO_QUERIES: 'the printer transport cannot ask for status (a file printer)',
    BAD_STATUS_REPLY: "the printer's `~HS` answer cannot be read",
    BAD_ODOMETER_REPLY: "the printer's `~HQOD` answer cannot be read",
    BAD_LABEL: 'a label is missing a field it needs or has one too long',
    BAD_LABEL_OPTIONS: 'label options (font) are malformed',
    LABEL_GATE_SHUT: 'a queued label was held just before it left: its order was stopped or changed, or the hub fell silent, since it was queued',
    JOB_NOT_FOUND: 'no print job with that id',
    JOB_STATE: 'a print job cannot make that move from its state (resolving a printed job…)',
    BAD_QUEUE_STATE: "the saved print queue does not fit this printer or program (another platform's jobs)",
    RESOLVE_NEEDS_REASON: 'resolving an uncertain print job needs who and why',
    CANCEL_NEEDS_REASON: 'cancelling a print job needs who and why',
    REPRINT_NEEDS_REASON: 'a reprint needs who and why',
  },
  'Printing: the platforms\' print programs': {
    NO_LABEL_PRINTER: "a parcel without its platform's print data needs a ZPL label printer, and the station has none",
    NO_PRINT_PROGRAM: "a parcel's waybill prints through its platform's print program, and the station has none for it",
    BAD_PRINT_DATA: "an order's print data (the encrypted e-waybill) is malformed",
    PRINT_DATA_TOO_LARGE: 'print data over its size bound',
    WRONG_PLATFORM: "print data for another platform was sent to a platform's print program",
    REPRINT_NEEDS_PRINT_DATA: 'a reprint through a print program needs the print data again',
    PROGRAM_UNREACHABLE: 'the print program is not connected; nothing was sent',
    PROGRAM_IO: 'writing to the print program failed',
    PROGRAM_TIMEOUT: 'the print program did not answer in time',
    PROGRAM_FAILED: "the print program reported a print failed (paper out…): a job's `lastError`, and the job is queued again",
  },
  'Packing evidence through the hub': {
    STATION_OFFLINE: "the station holding the clip or photo is offline and the hub has no verified copy (HTTP 503)",
    EVIDENCE_FETCH_TIMEOUT: "the station did not send the file in time (HTTP 504)",
    EVIDENCE_HASH_MISMATCH: "the file the station sent does not match the SHA-256 it recorded; it is not served (HTTP 502)",
    EVIDENCE_TOO_LARGE: "the station's file is over the 1 GiB bound (HTTP 502)",
    FILE_UNREADABLE: "the station cannot read the file it recorded (HTTP 502)",
    HUB_LINK_DOWN: "the station is not connected to the hub, so a file frame the hub asked for cannot be sent (the hub asks again)",
    CLIP_NOT_STORED: "the station no longer stores the clip: retention deleted it (HTTP 410)",
    ZIP_TOO_LARGE: "an evidence export would be over 4 GiB, the most a ZIP without ZIP64 holds (HTTP 409)",
  },
  "The packer's screen": {
    SCREEN_PORT_IN_USE: "the packer's screen port is taken (`--http-port`)",
    SCREEN_LISTEN_FAILED: "the packer's screen cannot listen for another reason",
    BAD_TASK_ID: 'a task id outside 1–64 of letters, digits, `.`, `_`, `:`, `-`',
  },
} as const satisfies Readonly<Record<string, Readonly<Record<string, string>>>>;

type KeysOf<T> = T extends unknown ? keyof T : never;
export type ErrorCode = KeysOf<(typeof ERROR_SECTIONS)[keyof typeof ERROR_SECTIONS]>;

/** Every code with its meaning, all sections in one. */
export const ERROR_CODES: Readonly<Record<ErrorCode, string>> = Object.assign({}, ...Object.values(ERROR_SECTIONS));
