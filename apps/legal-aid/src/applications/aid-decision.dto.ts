import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { dayField, keysOf, OBJECTION_DECISIONS, REFUSAL_GROUNDS, TERMINATION_GROUNDS } from '@yuanlian/contracts';
import type { ObjectionDecision, RefusalGround, TerminationGround } from '@yuanlian/contracts';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';

export class RefuseInput {
  @ApiProperty({ enum: keysOf(REFUSAL_GROUNDS), description: '不予法律援助的理由' })
  @IsIn(keysOf(REFUSAL_GROUNDS), { message: '请选择不予法律援助的理由' }) ground: RefusalGround;
  @ApiProperty({ description: '决定书载明的理由（书面告知申请人）' })
  @IsString() @Length(2, 2000, { message: '请填写书面告知申请人的理由（2至2000个字符）' }) note: string;
}

export class TerminateInput {
  @ApiProperty({ enum: keysOf(TERMINATION_GROUNDS), description: '终止法律援助的情形（《法律援助法》第四十八条）' })
  @IsIn(keysOf(TERMINATION_GROUNDS), { message: '请选择终止法律援助的情形' }) ground: TerminationGround;
  @ApiProperty({ description: '终止的事实和理由' })
  @IsString() @Length(2, 2000, { message: '请填写终止的事实和理由（2至2000个字符）' }) note: string;
}

export class RequestMaterialsInput {
  @ApiProperty({ description: '一次性告知需补充的材料或需说明的事项' })
  @IsString() @Length(2, 2000, { message: '请列明需补充的材料（2至2000个字符）' }) items: string;
}

export class ObjectionInput {
  @ApiProperty({ description: '司法行政部门收到异议的日期' }) @dayField({ day: '收到异议的日期无效' }) receivedOn: string;
  @ApiProperty({ description: '异议的理由' }) @IsString() @Length(2, 2000, { message: '请填写异议的理由（2至2000个字符）' }) reason: string;
}

export class ObjectionReviewInput {
  @ApiProperty({ enum: keysOf(OBJECTION_DECISIONS) }) @IsIn(keysOf(OBJECTION_DECISIONS), { message: '请选择审查结论' }) decision: ObjectionDecision;
  @ApiProperty({ description: '审查决定的日期' }) @dayField({ day: '审查决定的日期无效' }) decidedOn: string;
  @ApiProperty({ description: '司法行政部门的决定书文号' }) @IsString() @Length(2, 64, { message: '请填写决定书文号' }) documentNumber: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 2000) note?: string;
}
