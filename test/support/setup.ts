// No test reaches the network: nock answers or the request fails. Loopback stays open
// for the end-to-end tests, which start their own sandbox on 127.0.0.1.
import nock from 'nock';

nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);

afterEach(() => {
  nock.cleanAll();
});

// Each test file loads its own nock, but Node's http module is shared by the worker:
// un-patch it so the next file's nock is the one that answers.
afterAll(() => {
  nock.restore();
});
