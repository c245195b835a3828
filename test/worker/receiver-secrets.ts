/** What the loopback receivers (test/worker/receivers.ts) accept: test-only values. */
export const RECEIVER = {
  wecomKey: "693a91f6-7aaa-4bc4-97a0-0ec2sifa5aaa",
  dingtalkToken: "b0e1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1",
  dingtalkSecret: "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd",
  feishuHook: "5e3d587e-d78e-4a07-bd07-265f269f86fd",
  feishuSecret: "nIMtb7r3N9pkXyXdtAbx6e-test",
} as const;
