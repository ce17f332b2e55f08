// crossbarObjectFields (ObjectFields.h): a crossbar's schema (CrossbarSchema.h) as the spine's
// field table, so that the reader, the writer, the validator, the inspector and getField/setField
// treat crossbars as they treat every other object.
#include "CrossbarSchema.h"
#include "ObjectFields.h"

namespace snn {

namespace {

RunEffect runEffect(CrossbarFieldEffect e) {
  // A refold happens between two chunks, on the devices as they are: the run goes on.
  return e == CrossbarFieldEffect::Reprogram ? RunEffect::Structural : RunEffect::Live;
}

Field<CrossbarSpec> schemaField(const CrossbarFieldInfo& f) {
  ParamInfo info = f.info;
  info.name = f.path();
  info.effect = runEffect(f.effect);
  if (info.kind == ParamKind::PerNeuron) info.kind = ParamKind::Scalar;  // one number per crossbar
  const std::string path = info.name;
  return {std::move(info), [path](const CrossbarSpec& s) { return crossbarField(s, path); },
          [path](CrossbarSpec& s, const ParamValue& v) { assignCrossbarField(s, path, v); }};
}

}  // namespace

const std::vector<Field<CrossbarSpec>>& crossbarObjectFields() {
  static const std::vector<Field<CrossbarSpec>> fields = [] {
    std::vector<Field<CrossbarSpec>> v;
    for (const CrossbarFieldInfo& f : crossbarFields()) v.push_back(schemaField(f));
    v.push_back({{.name = "conductances",
                  .unit = "uS",
                  .kind = ParamKind::Table,
                  .meaning = "The conductances as programmed, rows x cols (row-major); written "
                             "packed (base64 of little-endian float64 with its shape) or as a "
                             "list of rows. Absent: the projection's weights are programmed"}});
    v.push_back({{.name = "stuck_cells",
                  .kind = ParamKind::Table,
                  .meaning = "Devices marked stuck by hand, each [row, col, \"on\" | \"off\"] "
                             "(stuck at G_max or G_min), on top of the random fault rates"}});
    return v;
  }();
  return fields;
}

}  // namespace snn
