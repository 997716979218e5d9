// Integration and end-to-end tests drive real servers; jest ignores a per-project testTimeout.
jest.setTimeout(90_000);
