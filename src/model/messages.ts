// What travels on the links: a message type and the connection it belongs
// to, packed into the event's one data word. Every connect attempt opens a
// new connection id, so a late message of an old connection is recognised.
export const MSG = {
  // client -> server
  CONNECT: 0,
  HB: 1,
  PONG: 2,
  // server -> client
  CONNECT_ACK: 3,
  ACK: 4,
  PING: 5,
  CLOSE: 6,
  RESET: 7,
  // application traffic: a request and its answer
  APP_REQUEST: 8,
  APP_RESPONSE: 9,
} as const;

// Bits 0-3 hold the type; bit 4 marks an uplink message that came through a
// new NAT mapping: the server cannot match it to the connection it belongs to.
const TYPE_BITS = 15;
const NEW_MAPPING_BIT = 16;

export function message(conn: number, type: number): number {
  return conn * 32 + type;
}

export function viaNewMapping(data: number): number {
  return data | NEW_MAPPING_BIT;
}

export function isViaNewMapping(data: number): boolean {
  return (data & NEW_MAPPING_BIT) !== 0;
}

export function messageType(data: number): number {
  return data & TYPE_BITS;
}

export function messageConn(data: number): number {
  return data >>> 5;
}

/** connection ids stay below this so a message fits an int32 */
export const MAX_CONN = 0x03ffffff;
