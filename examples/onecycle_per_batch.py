# OneCycleLR is stepped once per batch: total steps = epochs * batches per epoch.
import torch
from torch.optim.lr_scheduler import OneCycleLR

epochs = 10
steps_per_epoch = 250  # len(train_loader) in a real script

model = torch.nn.Linear(4, 2)
optimizer = torch.optim.SGD(model.parameters(), lr=1e-4, momentum=0.9)
scheduler = OneCycleLR(
    optimizer,
    max_lr=0.01,
    epochs=epochs,
    steps_per_epoch=steps_per_epoch,
    pct_start=0.3,
)

for epoch in range(epochs):
    for batch in range(steps_per_epoch):
        optimizer.step()
        scheduler.step()
