#!/usr/bin/env node
'use strict';
// Independent producer for ModelSeal's tests: sigstore-js's signer (@sigstore/sign) signs a model,
// an eval attestation and a CycloneDX ML-BOM against @sigstore/mock's Fulcio, Rekor and TSA,
// entirely offline (nock intercepts every request; any other connection is refused).
//
//   node produce.js OUT_DIR     writes the delivery unit, trusted_root.json and producer.json
//   node produce.js --version   prints the package versions; exit 3 when modules are missing
//
// The mock Rekor answers as a log of one entry with a random index; the Rekor view below turns
// each answer into what real Rekor v1 returns (docs/vector-decisions.md, "Independent producer:
// sigstore-js", lists every change). Nothing about Fulcio's or the TSA's output is changed.

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const PACKAGES = ['@sigstore/sign', '@sigstore/mock', '@sigstore/bundle', '@sigstore/protobuf-specs', 'nock'];

// Reserved .test names: nothing here can reach a real Sigstore instance.
const FULCIO_URL = 'https://fulcio.mock.sigstore.test';
const REKOR_URL = 'https://rekor.mock.sigstore.test';
const TSA_URL = 'https://tsa.mock.sigstore.test';
const CTLOG_URL = 'https://ctfe.mock.sigstore.test';

// What the OIDC token claims; the mock Fulcio copies sub into a URI SAN and iss into the
// issuer extensions. producer.json records what the certificate actually says.
const SUBJECT = 'https://github.com/modelseal-example/models/.github/workflows/release.yml@refs/heads/main';
const OIDC_ISSUER = 'https://token.actions.githubusercontent.com';

const OID_ISSUER_V2 = '1.3.6.1.4.1.57264.1.8';
const PAYLOAD_TYPE = 'application/vnd.in-toto+json';
const EVAL_PREDICATE_TYPE = 'https://modelseal.dev/attestation/eval/v1';
const CYCLONEDX_PREDICATE_TYPE = 'https://cyclonedx.org/bom';

function modules() {
  try {
    return {
      mock: require('@sigstore/mock'),
      sign: require('@sigstore/sign'),
      bundle: require('@sigstore/bundle'),
      specs: require('@sigstore/protobuf-specs'),
      nock: require('nock'),
      canonicalize: require('canonicalize'),
      x509: require('@peculiar/x509'),
    };
  } catch (e) {
    console.error(`modules missing: run "npm ci" in ${__dirname} (${e.message.split('\n')[0]})`);
    process.exit(3);
  }
}

function versions() {
  const out = {};
  for (const name of PACKAGES) {
    const file = path.join(__dirname, 'node_modules', ...name.split('/'), 'package.json');
    if (!fs.existsSync(file)) {
      console.error(`modules missing: run "npm ci" in ${__dirname} (no ${name})`);
      process.exit(3);
    }
    out[name] = JSON.parse(fs.readFileSync(file, 'utf8')).version;
  }
  return out;
}

const sha256 = (data) => crypto.createHash('sha256').update(data).digest();
const b64 = (buf) => Buffer.from(buf).toString('base64');
const b64url = (obj) => Buffer.from(JSON.stringify(obj)).toString('base64url');

// RFC 6962 section 2.1: leaf and interior node hashes, tree head and audit path.
const leafHash = (body) => sha256(Buffer.concat([Buffer.from([0]), body]));
const nodeHash = (l, r) => sha256(Buffer.concat([Buffer.from([1]), l, r]));
function split(n) { // the largest power of two below n (n > 1)
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
function treeHead(leaves) {
  if (leaves.length === 1) return leaves[0];
  const k = split(leaves.length);
  return nodeHash(treeHead(leaves.slice(0, k)), treeHead(leaves.slice(k)));
}
function auditPath(m, leaves) {
  if (leaves.length === 1) return [];
  const k = split(leaves.length);
  return m < k
    ? [...auditPath(m, leaves.slice(0, k)), treeHead(leaves.slice(k))]
    : [...auditPath(m - k, leaves.slice(k)), treeHead(leaves.slice(0, k))];
}

// What Go's pem.EncodeToMemory writes (Rekor's canonical key form): 64-column base64.
function canonicalPem(pemText) {
  const der = Buffer.from(pemText.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').replace(/\s/g, ''), 'base64');
  const type = /-----BEGIN ([A-Z ]+)-----/.exec(pemText)[1];
  const lines = b64(der).match(/.{1,64}/g).join('\n');
  return `-----BEGIN ${type}-----\n${lines}\n-----END ${type}-----\n`;
}

/**
 * Rekor v1 as it really stores entries, fed by the mock's answers. It keeps the mock's
 * integratedTime, log ID and key, and recomputes from its own state what a log derives: the
 * canonical body Rekor persists, sequential indices from 0, the Merkle tree over every entry so
 * far, the inclusion proof, the checkpoint (one tree ID) and the SET over all of that.
 */
class RekorView {
  constructor(canonicalize, privateKey, publicKeyDer, host) {
    this.canonicalize = canonicalize;
    this.privateKey = privateKey;
    this.logId = sha256(publicKeyDer);
    this.host = host;
    this.treeId = crypto.randomInt(2 ** 47, 2 ** 48 - 1); // one tree for the whole log
    this.leaves = [];
    this.changes = [];
  }

  // The body Rekor's type implementations persist (Canonicalize), then RFC 8785 JSON.
  canonicalBody(proposed) {
    const kv = `${proposed.kind} ${proposed.apiVersion}`;
    let spec;
    switch (kv) {
      case 'hashedrekord 0.0.1': {
        const s = proposed.spec;
        const pem = Buffer.from(s.signature.publicKey.content, 'base64').toString('utf8');
        spec = {
          data: { hash: { algorithm: s.data.hash.algorithm, value: s.data.hash.value } },
          signature: { content: s.signature.content, publicKey: { content: b64(canonicalPem(pem)) } },
        };
        break;
      }
      case 'dsse 0.0.1': {
        const proposedContent = proposed.spec.proposedContent;
        const envelope = JSON.parse(proposedContent.envelope);
        const pem = Buffer.from(proposedContent.verifiers[0], 'base64').toString('utf8');
        spec = {
          envelopeHash: { algorithm: 'sha256', value: sha256(Buffer.from(proposedContent.envelope, 'utf8')).toString('hex') },
          payloadHash: { algorithm: 'sha256', value: sha256(Buffer.from(envelope.payload, 'base64')).toString('hex') },
          signatures: envelope.signatures
            .map((s) => ({ signature: s.sig, verifier: b64(canonicalPem(pem)) }))
            .sort((a, b) => (a.signature < b.signature ? -1 : a.signature > b.signature ? 1 : 0)),
        };
        break;
      }
      case 'intoto 0.0.2': {
        const c = proposed.spec.content;
        const payload = Buffer.from(Buffer.from(c.envelope.payload, 'base64').toString('ascii'), 'base64');
        spec = {
          content: {
            envelope: { payloadType: c.envelope.payloadType, signatures: c.envelope.signatures },
            hash: c.hash,
            payloadHash: { algorithm: 'sha256', value: sha256(payload).toString('hex') },
          },
        };
        break;
      }
      default:
        throw new Error(`the Rekor view does not know ${kv}`);
    }
    return Buffer.from(this.canonicalize({ apiVersion: proposed.apiVersion, kind: proposed.kind, spec }), 'utf8');
  }

  // A signed note as the mock writes it (with its Timestamp line, as Rekor v1 wrote until 2024),
  // but for the real tree: one origin for the log, the real size and root.
  checkpoint(size, root, integratedTime) {
    const note = [
      `${this.host} - ${this.treeId}`,
      `${size}`,
      b64(root),
      `Timestamp: ${BigInt(integratedTime) * 1000000000n}`,
      '',
    ].join('\n');
    const sig = crypto.sign('sha256', Buffer.from(note, 'utf8'), this.privateKey);
    return `${note}\n\u2014 ${this.host} ${b64(Buffer.concat([this.logId.subarray(0, 4), sig]))}\n`;
  }

  integrate(proposed, mockAnswer) {
    const [mockUuid, mock] = Object.entries(mockAnswer)[0];
    if (mock.logID !== this.logId.toString('hex')) {
      throw new Error(`mock Rekor answered with log ${mock.logID}, expected ${this.logId.toString('hex')}`);
    }
    const body = this.canonicalBody(proposed);
    const logIndex = this.leaves.length;
    this.leaves.push(leafHash(body));
    const treeSize = this.leaves.length;
    const root = treeHead(this.leaves);
    const integratedTime = mock.integratedTime;
    const set = crypto.sign(
      'sha256',
      Buffer.from(this.canonicalize({ body: b64(body), integratedTime, logID: mock.logID, logIndex }), 'utf8'),
      this.privateKey
    );
    const uuid = this.treeId.toString(16).padStart(16, '0') + this.leaves[logIndex].toString('hex');
    this.changes.push({
      kind: `${proposed.kind} ${proposed.apiVersion}`,
      mock: {
        uuid: mockUuid,
        logIndex: mock.logIndex,
        inclusionProofLogIndex: mock.verification.inclusionProof.logIndex,
        treeSize: mock.verification.inclusionProof.treeSize,
        checkpointOrigin: mock.verification.inclusionProof.checkpoint.split('\n')[0],
        bodyIsProposedEntry: Buffer.from(mock.body, 'base64').equals(Buffer.from(this.canonicalize(proposed), 'utf8')),
      },
      rekor: { uuid, logIndex, treeSize, checkpointOrigin: `${this.host} - ${this.treeId}`, bodyChanged: b64(body) !== mock.body },
    });
    return {
      [uuid]: {
        body: b64(body),
        integratedTime,
        logID: mock.logID,
        logIndex,
        verification: {
          inclusionProof: {
            checkpoint: this.checkpoint(treeSize, root, integratedTime),
            hashes: auditPath(logIndex, this.leaves).map((h) => h.toString('hex')),
            logIndex,
            rootHash: root.toString('hex'),
            treeSize,
          },
          signedEntryTimestamp: b64(set),
        },
      },
    };
  }
}

// Serves a mock handler through nock for every request (mock's own helper answers only once).
function serve(nock, base, handler, transform) {
  nock(base)
    .persist()
    .post(handler.path)
    .reply(async (_uri, body) => {
      const request = typeof body === 'string' ? body : JSON.stringify(body);
      const answer = await handler.fn(request);
      const response = transform && answer.statusCode === 201 ? transform(request, answer.response) : answer.response;
      return [answer.statusCode, response, { 'Content-Type': answer.contentType || 'text/plain' }];
    });
}

function statement(name, digestHex, predicateType, predicate) {
  return Buffer.from(JSON.stringify({
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name, digest: { sha256: digestHex } }],
    predicateType,
    predicate,
  }), 'utf8');
}

function mlBom(modelName, digestHex) {
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: `urn:uuid:${crypto.randomUUID()}`,
    version: 1,
    metadata: {
      timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      tools: { components: [{ type: 'application', name: 'modelseal-sigstore-js-producer', version: '1.0.0' }] },
    },
    components: [
      {
        type: 'machine-learning-model',
        'bom-ref': 'model',
        name: modelName,
        version: '1.0.0',
        hashes: [{ alg: 'SHA-256', content: digestHex }],
        modelCard: {
          modelParameters: {
            approach: { type: 'supervised' },
            task: 'classification',
            architectureFamily: 'mlp',
            modelArchitecture: 'two-layer-perceptron',
            datasets: [{ ref: 'dataset-train' }],
          },
          quantitativeAnalysis: { performanceMetrics: [{ type: 'accuracy', value: '0.91' }] },
        },
      },
      {
        type: 'data',
        'bom-ref': 'dataset-train',
        name: 'producer-train-set',
        licenses: [{ license: { id: 'CC-BY-4.0' } }],
        data: [{ type: 'dataset', name: 'producer-train-set' }],
      },
    ],
  };
}

// The certificate's identity as issued: URI SAN and the Fulcio issuer extension (UTF8String).
function certificateIdentity(x509, der) {
  const cert = new x509.X509Certificate(der);
  const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
  const uris = san.names.items.filter((n) => n.type === 'url').map((n) => n.value);
  const ext = Buffer.from(cert.getExtension(OID_ISSUER_V2).value);
  if (ext[0] !== 0x0c || ext[1] >= 0x80) throw new Error('issuer extension is not a short UTF8String');
  return { san: uris, issuer: ext.subarray(2, 2 + ext[1]).toString('utf8') };
}

async function main(out) {
  const m = modules();
  const { nock } = m;
  nock.disableNetConnect();
  const start = new Date(Math.floor(Date.now() / 1000) * 1000); // validFor.start of every key
  const newKey = () => crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const rekorKey = newKey();

  const ctlog = await m.mock.initializeCTLog(newKey());
  const ca = await m.mock.initializeCA(newKey(), ctlog);
  const tlog = await m.mock.initializeTLog(REKOR_URL, rekorKey);
  const tsa = await m.mock.initializeTSA(newKey());
  const rekor = new RekorView(m.canonicalize, rekorKey.privateKey, tlog.publicKey, new URL(REKOR_URL).host);

  serve(nock, FULCIO_URL, m.mock.fulcioHandler(ca));
  serve(nock, REKOR_URL, m.mock.rekorHandler(tlog), (request, response) =>
    JSON.stringify(rekor.integrate(JSON.parse(request), JSON.parse(response))));
  serve(nock, TSA_URL, m.mock.tsaHandler(tsa));

  const now = Math.floor(Date.now() / 1000);
  const token = [
    b64url({ alg: 'none', typ: 'JWT' }),
    b64url({ iss: OIDC_ISSUER, sub: SUBJECT, aud: 'sigstore', iat: now, exp: now + 600 }),
    '',
  ].join('.');
  // A new signer per bundle, as each sigstore-js sign/attest call has its own ephemeral key.
  const signer = () => new m.sign.FulcioSigner({ fulcioBaseURL: FULCIO_URL, identityProvider: { getToken: async () => token } });
  const witnesses = (entryType) => [
    new m.sign.RekorWitness({ rekorBaseURL: REKOR_URL, entryType }),
    new m.sign.TSAWitness({ tsaBaseURL: TSA_URL }),
  ];

  fs.mkdirSync(out, { recursive: true });
  const modelName = 'model.onnx';
  const model = Buffer.concat([Buffer.from('modelseal sigstore-js producer model\n'), crypto.randomBytes(4096)]);
  fs.writeFileSync(path.join(out, modelName), model);
  const digest = sha256(model).toString('hex');

  // Signed one after another: the log order (0, 1, 2) is the order below.
  const bundles = [];
  const write = (file, bundle) => {
    fs.writeFileSync(path.join(out, file), JSON.stringify(m.bundle.bundleToJSON(bundle), null, 2) + '\n');
    bundles.push({ file, bundle });
  };
  write(`${modelName}.sigstore.json`,
    await new m.sign.MessageSignatureBundleBuilder({ signer: signer(), witnesses: witnesses() }).create({ data: model }));
  write(`${modelName}.attest.bundle`,
    await new m.sign.DSSEBundleBuilder({ signer: signer(), witnesses: witnesses('dsse') }).create({
      type: PAYLOAD_TYPE,
      data: statement(modelName, digest, EVAL_PREDICATE_TYPE, { eval: { accuracy: 0.91, dataset: 'producer-eval-set' } }),
    }));
  write(`${modelName}.sbom.bundle`,
    await new m.sign.DSSEBundleBuilder({ signer: signer(), witnesses: witnesses('intoto'), certificateChain: true }).create({
      type: PAYLOAD_TYPE,
      data: statement(modelName, digest, CYCLONEDX_PREDICATE_TYPE, mlBom(modelName, digest)),
    }));

  const { TrustedRoot, HashAlgorithm, PublicKeyDetails } = m.specs;
  const key = (rawBytes) => ({ rawBytes, keyDetails: PublicKeyDetails.PKIX_ECDSA_P256_SHA_256, validFor: { start } });
  const root = TrustedRoot.toJSON({
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [{ baseUrl: REKOR_URL, hashAlgorithm: HashAlgorithm.SHA2_256, publicKey: key(tlog.publicKey),
      logId: { keyId: sha256(tlog.publicKey) }, checkpointKeyId: undefined, operator: 'sigstore.mock' }],
    certificateAuthorities: [{ subject: { organization: 'sigstore.mock', commonName: 'sigstore' }, uri: FULCIO_URL,
      certChain: { certificates: [{ rawBytes: ca.rootCertificate }] }, validFor: { start }, operator: 'sigstore.mock' }],
    ctlogs: [{ baseUrl: CTLOG_URL, hashAlgorithm: HashAlgorithm.SHA2_256, publicKey: key(ctlog.publicKey),
      logId: { keyId: ctlog.logID }, checkpointKeyId: undefined, operator: 'sigstore.mock' }],
    timestampAuthorities: [{ subject: { organization: 'sigstore.mock', commonName: 'tsa' }, uri: TSA_URL,
      certChain: { certificates: [{ rawBytes: tsa.intCertificate }, { rawBytes: tsa.rootCertificate }] },
      validFor: { start }, operator: 'sigstore.mock' }],
    signingConfig: undefined,
  });
  fs.writeFileSync(path.join(out, 'trusted_root.json'), JSON.stringify(root, null, 2) + '\n');

  const identities = bundles.map(({ bundle }) => {
    const c = bundle.verificationMaterial.content;
    const der = c.$case === 'certificate' ? c.certificate.rawBytes : c.x509CertificateChain.certificates[0].rawBytes;
    return certificateIdentity(m.x509, der);
  });
  const first = identities[0];
  if (first.san.length !== 1 || identities.some((i) => i.san.join() !== first.san.join() || i.issuer !== first.issuer)) {
    throw new Error(`certificates disagree on the identity: ${JSON.stringify(identities)}`);
  }
  const record = {
    versions: versions(),
    model: modelName,
    sha256: digest,
    identity: first.san[0],
    issuer: first.issuer,
    bundles: bundles.map(({ file, bundle }) => ({
      file,
      mediaType: bundle.mediaType,
      content: bundle.content.$case,
      kind: `${bundle.verificationMaterial.tlogEntries[0].kindVersion.kind} ${bundle.verificationMaterial.tlogEntries[0].kindVersion.version}`,
      logIndex: Number(bundle.verificationMaterial.tlogEntries[0].logIndex),
      timestamps: bundle.verificationMaterial.timestampVerificationData.rfc3161Timestamps.length,
    })),
    rekorChanges: rekor.changes,
  };
  fs.writeFileSync(path.join(out, 'producer.json'), JSON.stringify(record, null, 2) + '\n');
  nock.cleanAll();
}

if (process.argv[2] === '--version') {
  modules();
  console.log(JSON.stringify(versions()));
} else if (process.argv.length === 3 && !process.argv[2].startsWith('-')) {
  main(path.resolve(process.argv[2])).catch((e) => {
    console.error(e && e.stack ? e.stack : String(e));
    process.exit(1);
  });
} else {
  console.error('usage: node produce.js OUT_DIR | node produce.js --version');
  process.exit(2);
}
