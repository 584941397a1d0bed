import { Field, Float, InputType, Int } from 'type-graphql';
import { Access, Bound, ModelType } from './enums';

// The `where` inputs of every list, defined once and used by every subgraph: Federation composes an input
// type by intersection, so a field one subgraph lacks would vanish from the supergraph. Semantics are in
// the contract's header and docs/api-guide.md; src/common/graph/where-compiler.ts turns them into SQL.

const opt = { nullable: true } as const;

@InputType({
  description:
    '`eq` and `in` are exact; `contains` and `startsWith` are case-insensitive and treat % and _ as plain characters',
})
export class StringPredicate {
  @Field(() => String, opt) eq?: string | null;
  @Field(() => [String], opt) in?: string[] | null;
  @Field(() => String, opt) contains?: string | null;
  @Field(() => String, opt) startsWith?: string | null;
  @Field(() => Boolean, opt) isNull?: boolean | null;
}

@InputType()
export class FloatPredicate {
  @Field(() => Float, opt) eq?: number | null;
  @Field(() => [Float], opt) in?: number[] | null;
  @Field(() => Float, opt) gt?: number | null;
  @Field(() => Float, opt) gte?: number | null;
  @Field(() => Float, opt) lt?: number | null;
  @Field(() => Float, opt) lte?: number | null;
  @Field(() => Boolean, opt) isNull?: boolean | null;
}

@InputType()
export class IntPredicate {
  @Field(() => Int, opt) eq?: number | null;
  @Field(() => [Int], opt) in?: number[] | null;
  @Field(() => Int, opt) gt?: number | null;
  @Field(() => Int, opt) gte?: number | null;
  @Field(() => Int, opt) lt?: number | null;
  @Field(() => Int, opt) lte?: number | null;
}

@InputType()
export class AccessPredicate {
  @Field(() => Access, opt) eq?: Access | null;
  @Field(() => [Access], opt) in?: Access[] | null;
}

@InputType()
export class ModelTypePredicate {
  @Field(() => ModelType, opt) eq?: ModelType | null;
  @Field(() => [ModelType], opt) in?: ModelType[] | null;
  @Field(() => Boolean, opt) isNull?: boolean | null;
}

@InputType()
export class BoundPredicate {
  @Field(() => Bound, opt) eq?: Bound | null;
  @Field(() => [Bound], opt) in?: Bound[] | null;
}

@InputType()
export class QuantityWhere {
  @Field(() => FloatPredicate, opt) value?: FloatPredicate | null;
  @Field(() => BoundPredicate, opt) bound?: BoundPredicate | null;
}

@InputType()
export class SectorWhere {
  @Field(() => [SectorWhere], opt) AND?: SectorWhere[] | null;
  @Field(() => [SectorWhere], opt) OR?: SectorWhere[] | null;
  @Field(() => SectorWhere, opt) NOT?: SectorWhere | null;
  @Field(() => StringPredicate, { nullable: true }) slug?: StringPredicate | null;
  @Field(() => StringPredicate, { nullable: true }) name?: StringPredicate | null;
  @Field(() => StringPredicate, { nullable: true }) section?: StringPredicate | null;
}

@InputType()
export class ModelWhere {
  @Field(() => [ModelWhere], opt) AND?: ModelWhere[] | null;
  @Field(() => [ModelWhere], opt) OR?: ModelWhere[] | null;
  @Field(() => ModelWhere, opt) NOT?: ModelWhere | null;
  @Field(() => StringPredicate, { nullable: true }) slug?: StringPredicate | null;
  @Field(() => StringPredicate, { nullable: true }) name?: StringPredicate | null;
  @Field(() => ModelTypePredicate, { nullable: true }) type?: ModelTypePredicate | null;
  @Field(() => AccessPredicate, { nullable: true }) access?: AccessPredicate | null;
  @Field(() => QuantityWhere, { nullable: true }) parameters?: QuantityWhere | null;
  @Field(() => SectorQuantifier, { nullable: true }) sectors?: SectorQuantifier | null;
  @Field(() => DatasetQuantifier, { nullable: true }) trainedOn?: DatasetQuantifier | null;
  @Field(() => ResultQuantifier, { nullable: true }) results?: ResultQuantifier | null;
  @Field(() => CitationQuantifier, { nullable: true }) citations?: CitationQuantifier | null;
  @Field(() => RiskQuantifier, { nullable: true }) risks?: RiskQuantifier | null;
}

@InputType()
export class DatasetWhere {
  @Field(() => [DatasetWhere], opt) AND?: DatasetWhere[] | null;
  @Field(() => [DatasetWhere], opt) OR?: DatasetWhere[] | null;
  @Field(() => DatasetWhere, opt) NOT?: DatasetWhere | null;
  @Field(() => StringPredicate, { nullable: true }) slug?: StringPredicate | null;
  @Field(() => StringPredicate, { nullable: true }) name?: StringPredicate | null;
  @Field(() => AccessPredicate, { nullable: true }) access?: AccessPredicate | null;
  @Field(() => QuantityWhere, { nullable: true }) size?: QuantityWhere | null;
  @Field(() => StringPredicate, { nullable: true }) modality?: StringPredicate | null;
  @Field(() => SectorWhere, { nullable: true }) sector?: SectorWhere | null;
  @Field(() => ModelQuantifier, { nullable: true }) usedToTrain?: ModelQuantifier | null;
  @Field(() => ResultQuantifier, { nullable: true }) evaluations?: ResultQuantifier | null;
  @Field(() => CitationQuantifier, { nullable: true }) citations?: CitationQuantifier | null;
  @Field(() => RiskQuantifier, { nullable: true }) risks?: RiskQuantifier | null;
}

@InputType()
export class TaskWhere {
  @Field(() => [TaskWhere], opt) AND?: TaskWhere[] | null;
  @Field(() => [TaskWhere], opt) OR?: TaskWhere[] | null;
  @Field(() => TaskWhere, opt) NOT?: TaskWhere | null;
  @Field(() => StringPredicate, { nullable: true }) slug?: StringPredicate | null;
  @Field(() => StringPredicate, { nullable: true }) name?: StringPredicate | null;
  @Field(() => SectorWhere, { nullable: true }) sector?: SectorWhere | null;
  @Field(() => ResultQuantifier, { nullable: true }) results?: ResultQuantifier | null;
  @Field(() => CitationQuantifier, { nullable: true }) citations?: CitationQuantifier | null;
}

@InputType()
export class MetricWhere {
  @Field(() => [MetricWhere], opt) AND?: MetricWhere[] | null;
  @Field(() => [MetricWhere], opt) OR?: MetricWhere[] | null;
  @Field(() => MetricWhere, opt) NOT?: MetricWhere | null;
  @Field(() => StringPredicate, { nullable: true }) slug?: StringPredicate | null;
  @Field(() => StringPredicate, { nullable: true }) name?: StringPredicate | null;
  @Field(() => Boolean, { nullable: true }) higherIsBetter?: boolean | null;
}

@InputType()
export class ResultWhere {
  @Field(() => [ResultWhere], opt) AND?: ResultWhere[] | null;
  @Field(() => [ResultWhere], opt) OR?: ResultWhere[] | null;
  @Field(() => ResultWhere, opt) NOT?: ResultWhere | null;
  @Field(() => FloatPredicate, { nullable: true }) value?: FloatPredicate | null;
  @Field(() => StringPredicate, { nullable: true }) setting?: StringPredicate | null;
  @Field(() => ModelWhere, { nullable: true }) model?: ModelWhere | null;
  @Field(() => TaskWhere, { nullable: true }) task?: TaskWhere | null;
  @Field(() => MetricWhere, { nullable: true }) metric?: MetricWhere | null;
  @Field(() => DatasetWhere, {
    nullable: true,
    description:
      'dataset matches results whose dataset matches; hasDataset: false selects results without one',
  })
  dataset?: DatasetWhere | null;
  @Field(() => Boolean, { nullable: true }) hasDataset?: boolean | null;
}

@InputType()
export class ComparisonWhere {
  @Field(() => [ComparisonWhere], opt) AND?: ComparisonWhere[] | null;
  @Field(() => [ComparisonWhere], opt) OR?: ComparisonWhere[] | null;
  @Field(() => ComparisonWhere, opt) NOT?: ComparisonWhere | null;
  @Field(() => TaskWhere, { nullable: true }) task?: TaskWhere | null;
  @Field(() => MetricWhere, { nullable: true }) metric?: MetricWhere | null;
  @Field(() => DatasetWhere, { nullable: true }) dataset?: DatasetWhere | null;
  @Field(() => ResultWhere, { nullable: true }) baseline?: ResultWhere | null;
  @Field(() => ResultWhere, { nullable: true }) challenger?: ResultWhere | null;
  @Field(() => FloatPredicate, { nullable: true }) improvement?: FloatPredicate | null;
  @Field(() => FloatPredicate, { nullable: true }) relativeImprovement?: FloatPredicate | null;
}

@InputType()
export class RiskWhere {
  @Field(() => [RiskWhere], opt) AND?: RiskWhere[] | null;
  @Field(() => [RiskWhere], opt) OR?: RiskWhere[] | null;
  @Field(() => RiskWhere, opt) NOT?: RiskWhere | null;
  @Field(() => StringPredicate, { nullable: true }) slug?: StringPredicate | null;
  @Field(() => StringPredicate, { nullable: true }) name?: StringPredicate | null;
  @Field(() => ModelQuantifier, { nullable: true }) models?: ModelQuantifier | null;
  @Field(() => DatasetQuantifier, { nullable: true }) datasets?: DatasetQuantifier | null;
  @Field(() => SectorQuantifier, { nullable: true }) sectors?: SectorQuantifier | null;
  @Field(() => MitigationQuantifier, { nullable: true }) mitigations?: MitigationQuantifier | null;
  @Field(() => CitationQuantifier, { nullable: true }) citations?: CitationQuantifier | null;
}

@InputType()
export class MitigationWhere {
  @Field(() => [MitigationWhere], opt) AND?: MitigationWhere[] | null;
  @Field(() => [MitigationWhere], opt) OR?: MitigationWhere[] | null;
  @Field(() => MitigationWhere, opt) NOT?: MitigationWhere | null;
  @Field(() => StringPredicate, { nullable: true }) name?: StringPredicate | null;
  @Field(() => CitationQuantifier, { nullable: true }) citations?: CitationQuantifier | null;
}

@InputType()
export class CitationWhere {
  @Field(() => [CitationWhere], opt) AND?: CitationWhere[] | null;
  @Field(() => [CitationWhere], opt) OR?: CitationWhere[] | null;
  @Field(() => CitationWhere, opt) NOT?: CitationWhere | null;
  @Field(() => IntPredicate, { nullable: true }) number?: IntPredicate | null;
  @Field(() => StringPredicate, { nullable: true }) label?: StringPredicate | null;
  @Field(() => StringPredicate, {
    nullable: true,
    description: 'a mention in this section, e.g. { eq: "Section III-D" }',
  })
  section?: StringPredicate | null;
  @Field(() => ModelQuantifier, { nullable: true }) supportsModels?: ModelQuantifier | null;
  @Field(() => DatasetQuantifier, { nullable: true }) supportsDatasets?: DatasetQuantifier | null;
  @Field(() => TaskQuantifier, { nullable: true }) supportsTasks?: TaskQuantifier | null;
  @Field(() => RiskQuantifier, { nullable: true }) supportsRisks?: RiskQuantifier | null;
}

@InputType()
export class SectorQuantifier {
  @Field(() => SectorWhere, opt) some?: SectorWhere | null;
  @Field(() => SectorWhere, opt) none?: SectorWhere | null;
  @Field(() => SectorWhere, opt) all?: SectorWhere | null;
  @Field(() => IntPredicate, opt) count?: IntPredicate | null;
}

@InputType()
export class ModelQuantifier {
  @Field(() => ModelWhere, opt) some?: ModelWhere | null;
  @Field(() => ModelWhere, opt) none?: ModelWhere | null;
  @Field(() => ModelWhere, opt) all?: ModelWhere | null;
  @Field(() => IntPredicate, opt) count?: IntPredicate | null;
}

@InputType()
export class DatasetQuantifier {
  @Field(() => DatasetWhere, opt) some?: DatasetWhere | null;
  @Field(() => DatasetWhere, opt) none?: DatasetWhere | null;
  @Field(() => DatasetWhere, opt) all?: DatasetWhere | null;
  @Field(() => IntPredicate, opt) count?: IntPredicate | null;
}

@InputType()
export class TaskQuantifier {
  @Field(() => TaskWhere, opt) some?: TaskWhere | null;
  @Field(() => TaskWhere, opt) none?: TaskWhere | null;
  @Field(() => TaskWhere, opt) all?: TaskWhere | null;
  @Field(() => IntPredicate, opt) count?: IntPredicate | null;
}

@InputType()
export class ResultQuantifier {
  @Field(() => ResultWhere, opt) some?: ResultWhere | null;
  @Field(() => ResultWhere, opt) none?: ResultWhere | null;
  @Field(() => ResultWhere, opt) all?: ResultWhere | null;
  @Field(() => IntPredicate, opt) count?: IntPredicate | null;
}

@InputType()
export class RiskQuantifier {
  @Field(() => RiskWhere, opt) some?: RiskWhere | null;
  @Field(() => RiskWhere, opt) none?: RiskWhere | null;
  @Field(() => RiskWhere, opt) all?: RiskWhere | null;
  @Field(() => IntPredicate, opt) count?: IntPredicate | null;
}

@InputType()
export class MitigationQuantifier {
  @Field(() => MitigationWhere, opt) some?: MitigationWhere | null;
  @Field(() => MitigationWhere, opt) none?: MitigationWhere | null;
  @Field(() => MitigationWhere, opt) all?: MitigationWhere | null;
  @Field(() => IntPredicate, opt) count?: IntPredicate | null;
}

@InputType()
export class CitationQuantifier {
  @Field(() => CitationWhere, opt) some?: CitationWhere | null;
  @Field(() => CitationWhere, opt) none?: CitationWhere | null;
  @Field(() => CitationWhere, opt) all?: CitationWhere | null;
  @Field(() => IntPredicate, opt) count?: IntPredicate | null;
}
