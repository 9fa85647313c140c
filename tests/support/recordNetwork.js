// Preloaded (node -r) into a process under test: records every DNS lookup and every socket it
// connects, and writes them as JSON to $RECORD_NETWORK_FILE when the process exits.
"use strict";
const dns = require("node:dns");
const fs = require("node:fs");
const net = require("node:net");

const seen = [];
const lookup = dns.lookup;
dns.lookup = function (hostname, ...rest) {
  seen.push({ lookup: String(hostname) });
  return lookup.call(this, hostname, ...rest);
};
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const options = Array.isArray(args[0]) ? args[0][0] : args[0];
  const target =
    typeof options === "object" && options !== null
      ? `${options.host ?? options.path ?? ""}:${options.port ?? ""}`
      : `${args[1] ?? "localhost"}:${options}`;
  seen.push({ connect: target });
  return connect.apply(this, args);
};
process.on("exit", () => fs.writeFileSync(process.env.RECORD_NETWORK_FILE, JSON.stringify(seen)));
