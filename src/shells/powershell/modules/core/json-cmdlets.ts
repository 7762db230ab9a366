/** ConvertFrom-Json and ConvertTo-Json (5.1 behaviour: see ../format/json.ts). */
import { toPsString } from '../../runtime/conversions';
import { arg, flag, type CmdletDef } from '../../engine/cmdlet';
import { convertToJson, JsonParseError, parseJson } from '../../format/json';

export const convertFromJson: CmdletDef = {
  name: 'ConvertFrom-Json',
  className: 'Microsoft.PowerShell.Commands.ConvertFromJsonCommand',
  synopsis: 'Converts a JSON-formatted string to a custom object.',
  params: [{ name: 'InputObject', type: 'object', position: 0 }],
  async run(call) {
    const given = call.bound.get('inputobject');
    // 5.1 buffers every input string and parses them joined, so multi-line JSON piped line by line works.
    const parts = given !== undefined ? [given] : (call.input ?? []);
    if (parts.some((p) => p === null || p === undefined)) {
      // What a learner sees when step 1 of the quickstart failed and $response is still empty.
      call.writeError({
        exceptionTypes: ['System.Management.Automation.ParameterBindingValidationException', 'System.Management.Automation.ParameterBindingException'],
        message: "Cannot bind argument to parameter 'InputObject' because it is null.",
        category: 'InvalidData',
        fullyQualifiedErrorId: 'ParameterArgumentValidationErrorNullNotAllowed',
      });
      return [];
    }
    const text = parts.map((p) => (Array.isArray(p) ? p.map(toPsString).join('\n') : toPsString(p))).join('\n');
    try {
      const value = parseJson(text);
      return value === null && text.trim() === '' ? [] : [value];
    } catch (error) {
      if (!(error instanceof JsonParseError)) throw error;
      return call.fail({
        exceptionTypes: ['System.ArgumentException', 'System.SystemException'],
        message: error.message,
        category: 'NotSpecified',
        fullyQualifiedErrorId: 'System.ArgumentException',
      });
    }
  },
};

export const convertToJsonCmdlet: CmdletDef = {
  name: 'ConvertTo-Json',
  className: 'Microsoft.PowerShell.Commands.ConvertToJsonCommand',
  synopsis: 'Converts an object to a JSON-formatted string.',
  params: [
    { name: 'InputObject', type: 'object', position: 0 },
    { name: 'Depth', type: 'int' },
    { name: 'Compress', type: 'switch' },
  ],
  async run(call) {
    const given = call.bound.get('inputobject');
    const items = given !== undefined ? [given] : (call.input ?? []);
    if (items.length === 0) return [];
    const depth = arg<number>(call, 'Depth') ?? 2;
    if (depth > 100) {
      call.fail({
        exceptionTypes: ['System.Management.Automation.ParameterBindingException'],
        message: "Cannot validate argument on parameter 'Depth'. The " + depth + ' argument is greater than the maximum allowed range of 100. Supply an argument that is less than or equal to 100 and then try the command again.',
        category: 'InvalidData',
        fullyQualifiedErrorId: 'ParameterArgumentValidationError',
      });
    }
    const value = items.length === 1 ? items[0] : items;
    return [convertToJson(value, depth, flag(call, 'Compress'))];
  },
};
