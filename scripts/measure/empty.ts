// The floor: node starting and exiting, bundled the same way.
export {};
