#pragma once

#include <QObject>
#include <QString>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ChangeEvent.h"
#include "model/NetworkSpec.h"

class QUndoStack;

namespace snn::gui {

// A population as it leaves the document, with everything that belongs to it, so an undo can
// put it back exactly where it was.
struct DetachedPopulation {
  size_t index = 0;
  PopulationSpec spec;
  std::optional<NodePosition> position;
  std::optional<int> color;  // its colour index (model/NodeColors.h); none: the first free one
  std::vector<std::pair<size_t, MonitorSpec>> monitors;  // (index in the monitor list, monitor)
};

// A crossbar as it leaves the document, so an undo puts it back where it was.
struct DetachedCrossbar {
  size_t index = 0;
  CrossbarSpec spec;
  std::optional<NodePosition> position;
  std::optional<int> color;
};

// The project being edited: the network, its canvas layout and the undo stack (Tiled's
// Document). It is the only writer of the project. Views read project() and listen to changed();
// they edit by pushing QUndoCommands onto undoStack(), whose redo()/undo() call the writers
// below. Lives on the GUI thread; a simulation takes a copy of project().
class NetworkDocument : public QObject {
  Q_OBJECT

 public:
  explicit NetworkDocument(QObject* parent = nullptr);
  ~NetworkDocument() override;

  const Project& project() const { return project_; }
  QUndoStack* undoStack() const { return undoStack_; }

  // Where the project was read from or last saved to; empty for a new one.
  const QString& filePath() const { return filePath_; }
  // "cuba.snnwb.json", or "Untitled" for a new project.
  QString displayName() const;
  bool isModified() const;

  // Starts over with another project (File > New, Open): the undo history is cleared and the
  // document is unmodified.
  void replaceProject(Project project, const QString& filePath);
  // The project was written to `filePath`: this state is the unmodified one.
  void markSaved(const QString& filePath);

  // ---- Writers, called only by undo commands. Each emits one ChangeEvent. ----
  void insertPopulation(DetachedPopulation population);
  DetachedPopulation takePopulation(const std::string& id);
  void insertProjection(size_t index, ProjectionSpec projection);
  std::pair<size_t, ProjectionSpec> takeProjection(const std::string& id);
  // Sets one field of one object (model/ObjectFields.h: a population's "size" or
  // "params.tau_m", a projection's "weight", the experiment's "dt"...), or puts it back to its
  // default when `value` is empty. Emits FieldChanged naming the field.
  void setField(ObjectKind kind, const std::string& id, const std::string& field,
                const std::optional<ParamValue>& value);
  // Replace a population or projection as a whole (several fields at once; the id stays): one
  // FieldChanged per field that differs.
  void setPopulation(const std::string& id, PopulationSpec spec);
  void setProjection(const std::string& id, ProjectionSpec spec);
  // Renames a population or projection; projections, monitors, layout and training follow.
  void renameObject(const std::string& oldId, const std::string& newId);
  // Moves nodes; an empty position removes the node's layout entry (the canvas then places it).
  void setNodePositions(const std::map<std::string, std::optional<NodePosition>>& positions);
  void setExperiment(const ExperimentSpec& experiment);
  // Replaces the monitor list (what a run records; the traced neurons saved with the project).
  void setMonitors(std::vector<MonitorSpec> monitors);
  // Sets or removes (empty) the training block.
  void setTraining(std::optional<TrainingSpec> training);
  // Replaces an ANN node as a whole (trained weights; the id stays): FieldChanged, no field.
  void setAnn(const std::string& id, AnnNodeSpec spec);
  // Crossbars (NetworkDocumentCrossbars.cpp): add one at `index` (with its layout entry),
  // take one out, or replace one as a whole (one FieldChanged per field that differs).
  void insertCrossbar(DetachedCrossbar crossbar);
  DetachedCrossbar takeCrossbar(const std::string& id);
  void setCrossbar(const std::string& id, CrossbarSpec spec);
  // Sets or removes (empty) the energy block; the change event names `field` ("energy.chip",
  // "energy.constants"...) of kind File. Nothing in it changes a run.
  void setEnergy(std::optional<EnergySpec> energy, const std::string& field);

 signals:
  void changed(const snn::gui::ChangeEvent& event);
  void modifiedChanged(bool modified);
  void filePathChanged(const QString& filePath);

 private:
  void emitChange(ChangeEvent::Type type, ObjectKind kind, const std::string& id,
                  const std::string& field = {});
  void emitFieldChanges(ObjectKind kind, const std::string& id, std::vector<std::string> fields);
  // A node's canvas position and colour as it leaves the document and as an undo puts it back
  // (no colour: the first free one); shared by every kind of node.
  void detachPlacement(const std::string& id, std::optional<NodePosition>& position,
                       std::optional<int>& color);
  void attachPlacement(const std::string& id, const std::optional<NodePosition>& position,
                       const std::optional<int>& color);

  Project project_;
  QString filePath_;
  QUndoStack* undoStack_;
};

}  // namespace snn::gui
