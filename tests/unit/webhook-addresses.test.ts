// Webhooks never go to the vault's own network: the address rule, as a pure
// function over addresses (no test resolves or contacts any of them).
import { describe, expect, test } from "vitest";
import { isPublicAddress } from "@/lib/webhooks/address";

describe("isPublicAddress", () => {
  test.each([
    ["10.0.0.1"],
    ["10.255.255.255"],
    ["172.16.0.1"],
    ["172.31.255.254"],
    ["192.168.1.1"],
    ["169.254.169.254"],
    ["127.0.0.1"],
    ["127.1.2.3"],
    ["0.0.0.0"],
    ["100.64.0.1"],
    ["224.0.0.1"],
    ["255.255.255.255"],
    ["::"],
    ["::1"],
    ["::ffff:127.0.0.1"],
    ["::ffff:7f00:1"],
    ["::ffff:10.0.0.1"],
    ["::ffff:169.254.169.254"],
    ["::127.0.0.1"],
    ["64:ff9b::a00:1"],
    ["::ffff:0:7f00:1"],
    ["::ffff:0:808:808"],
    ["2002:7f00:1::"],
    ["2002:a00:1::1"],
    ["64:ff9b:1::7f00:1"],
    ["64:ff9b:1:ffff::1"],
    ["2001::1"],
    ["2001:0:4136:e378:8000:63bf:80ff:fffe"],
    ["fc00::1"],
    ["fd12:3456:789a::1"],
    ["fe80::1"],
    ["fe80::1%eth0"],
    ["ff02::1"],
    ["not an address"],
  ])("refuses %s", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  test.each([
    ["8.8.8.8"],
    ["93.184.216.34"],
    ["172.15.255.255"],
    ["172.32.0.1"],
    ["192.169.0.1"],
    ["2606:4700:4700::1111"],
    ["::ffff:8.8.8.8"],
    ["2a00:1450::1"],
    ["2001:4860:4860::8888"],
  ])("allows the public address %s", (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});
