import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ENTRY = new URL('../../infra/cdk.ts', import.meta.url).pathname;

interface PropDoc {
  readonly name: string;
  readonly summary: string;
  readonly optional: boolean;
  readonly hasDefault: boolean;
}

/** The props of `SmsOtpSignInProps` and of each provider's props, as an editor shows them from the package's types. */
function documentedProps(): PropDoc[] {
  const program = ts.createProgram([ENTRY], {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const entry = checker.getSymbolAtLocation(program.getSourceFile(ENTRY) as ts.SourceFile);
  const exported = checker.getExportsOfModule(entry as ts.Symbol).find((symbol) => symbol.name === 'SmsOtpSignInProps');
  const propsType = checker.getDeclaredTypeOfSymbol(checker.getAliasedSymbol(exported as ts.Symbol));
  const describeProps = (type: ts.Type, owner: string) =>
    type.getProperties().map((symbol) => ({
      name: `${owner}.${symbol.name}`,
      summary: ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim(),
      optional: (symbol.flags & ts.SymbolFlags.Optional) !== 0,
      hasDefault: symbol.getJsDocTags(checker).some((tag) => tag.name === 'default'),
    }));
  const provider = propsType.getProperty('provider') as ts.Symbol;
  const providerType = checker.getNonNullableType(checker.getTypeOfSymbol(provider));
  const providerTypes = providerType.isUnion() ? providerType.types : [providerType];
  return [
    ...describeProps(propsType, 'SmsOtpSignInProps'),
    // `kind` names the provider; the provider interface's own doc says what it does.
    ...providerTypes.flatMap((type) => describeProps(type, checker.typeToString(type)).filter((prop) => !prop.name.endsWith('.kind'))),
  ];
}

describe("the construct's props, documented from their TSDoc", () => {
  // Act, once for every test below: read the props as an editor would.
  const props = documentedProps();

  it('finds the props of the construct and of both providers', () => {
    // Assess
    expect(props.map((prop) => prop.name)).toEqual(
      expect.arrayContaining(['SmsOtpSignInProps.provider', 'SmsOtpSignInProps.userPool', 'EasyAuthProviderProps.apiKeySecret', 'SnsProviderProps.hmacSecret']),
    );
  });

  it('gives every prop a line of TSDoc, and every optional one its @default', () => {
    // Assess
    expect(props.filter((prop) => prop.summary === '').map((prop) => prop.name)).toEqual([]);
    expect(props.filter((prop) => prop.optional && !prop.hasDefault).map((prop) => prop.name)).toEqual([]);
  });
});
